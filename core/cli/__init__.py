"""The ``tongban`` command line: the root parser here, subcommands contributed by each package."""
