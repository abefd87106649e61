"""Entry point of the frozen app: the same `coprod-desktop` command as the installed package
(the GUI with no arguments or a project file; headless commands such as `demo` and `pack`)."""

import sys

from coprod_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
