"""`python -m tracker` runs the same entry point as the `tracker` command."""

from tracker.app import main

if __name__ == "__main__":
    main()
