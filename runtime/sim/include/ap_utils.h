// Clock utilities for simulation. Under Vitis HLS, ap_wait() marks a clock
// boundary and ap_wait_n(n) n of them; C++ execution has no clock, so they
// do nothing here.
#ifndef STREAMTENSOR_SIM_AP_UTILS_H
#define STREAMTENSOR_SIM_AP_UTILS_H

inline void ap_wait() {}
inline void ap_wait_n(int) {}

#endif // STREAMTENSOR_SIM_AP_UTILS_H
