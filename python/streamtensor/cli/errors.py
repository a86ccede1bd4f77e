"""Errors that the command line reports as a message and exit status 1."""


class CliError(Exception):
    """A usage or file error in a subcommand."""


def user_errors():
    """Exception types whose message is meant for the user (no traceback)."""
    from ..driver.tools import DriverError
    from ..importer import ImporterError
    from ..models import ConfigError
    from ..generation.tokenizers import TokenizerError
    from ..weights import CheckpointError, SafetensorsError
    return (CliError, DriverError, ImporterError, ConfigError, CheckpointError, SafetensorsError,
            TokenizerError, OSError)
