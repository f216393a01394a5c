"""`python -m careplan` runs the command line."""

import sys

from careplan.cli import main

sys.exit(main())
