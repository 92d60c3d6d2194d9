"""`python -m tui` runs the same command as `quadrant`."""

from tui.cli.main import main

raise SystemExit(main())
