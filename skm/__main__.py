import os

# Nothing on the command line multiplies matrices: numpy's OpenBLAS need not start a thread per core
# when it is imported (they spun beside DuckDB's own threads during an import; issue 17).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from skm.cli import main  # noqa: E402
from skm.process_exit import exit_now  # noqa: E402

exit_now(main())
