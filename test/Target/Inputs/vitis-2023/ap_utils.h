// Since Vitis HLS 2023.1 this header is etc/ap_utils.h.
#error "ap_utils.h is not at the top of the include tree since Vitis HLS 2023.1"
