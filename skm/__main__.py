import sys

from skm.cli import main

sys.exit(main())
