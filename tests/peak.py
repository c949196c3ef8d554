"""The resident peak of a child process, as its own figure.

``ru_maxrss`` is the wrong measure for a child started from the test run: Linux carries the
high-water mark across ``fork`` and ``exec``, so a child of a 300 MB pytest process reports at
least 300 MB however little it used. ``VmHWM`` belongs to the address space, which ``exec``
replaces, so it counts only what the child itself touched.
"""

from __future__ import annotations

import inspect


def resident_peak_kb() -> int:
    import resource  # noqa: PLC0415 - the source travels alone, without the module's imports

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


PEAK_SOURCE = inspect.getsource(resident_peak_kb)
"""The function's source, for the code a test hands to ``python -c``."""
