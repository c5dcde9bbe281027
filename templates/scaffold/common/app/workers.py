"""How many server processes fit this machine: one per CPU the container may use, no more than
its memory holds (each process loads its own copy of the model), one on a GPU (the processes
would share one device). WORKERS overrides it; Kubernetes and Compose set WORKERS=1 and scale by
replicas instead, so each /metrics scrape sees the whole process."""

import os

from app import settings


def _cgroup_cpus():
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="utf-8") as f:
            quota, period = f.read().split()
        if quota != "max":
            return max(1, int(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    return None


def _memory_mb():
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path, encoding="utf-8") as f:
                value = f.read().strip()
            if value.isdigit() and int(value) < 1 << 60:
                return int(value) // (1024 * 1024)
        except OSError:
            pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        return None


def worker_count(cpus=None, memory_mb=None, per_worker_mb=None, gpu=None):
    """The number of server processes to run (at least one)."""
    configured = os.environ.get("WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if settings.USE_GPU if gpu is None else gpu:
        return 1
    if cpus is None:
        affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        cpus = min(affinity, _cgroup_cpus() or affinity)
    memory_mb = _memory_mb() if memory_mb is None else memory_mb
    per_worker_mb = settings.MEMORY_PER_WORKER_MB if per_worker_mb is None else per_worker_mb
    by_memory = cpus if not memory_mb else max(1, int(memory_mb * 0.9) // max(1, per_worker_mb))
    return max(1, min(cpus, by_memory))
