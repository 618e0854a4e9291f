"""Shared by the spopt side-by-side scripts: one solve in a child process with a time limit,
and the check that spopt and PuLP are installed."""
import multiprocessing as mp


def spopt_missing():
    """None when spopt and PuLP import, else the ImportError."""
    try:
        import spopt  # noqa: F401
        import pulp  # noqa: F401
    except ImportError as e:
        return e
    return None


def solve_with_timeout(target, args, timeout):
    """Runs target(*args, queue) in a child killed after `timeout` s; returns what it put on the
    queue — (status, objective, seconds) — or ("timeout", nan, timeout)."""
    q = mp.Queue()
    proc = mp.Process(target=target, args=(*args, q))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return "timeout", float("nan"), timeout
    return q.get()
