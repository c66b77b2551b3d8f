import sys

from medkb.cli import main

sys.exit(main())
