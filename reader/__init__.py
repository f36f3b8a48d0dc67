"""newsreader: follow one story across many outlets, from the terminal."""

__version__ = "0.1.0"
