"""The scriptable subcommands of `newsreader`, one module each (see reader.cli)."""
