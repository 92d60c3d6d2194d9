"""`python -m tui` runs the same command as `quadrant`."""

from tui.cli import main

raise SystemExit(main())
