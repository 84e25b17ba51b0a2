#!/usr/bin/env python3
"""Floor for the `ingest` benchmark: what the kernel alone charges to make one small file durable.

Usage: python3 bench/peers/durable_file_floor.py <files> <size in bytes> <empty folder>

Writes <files> files of <size> bytes the way a durable object store must (and Obrador's embedded store does): create a
temporary file, write, fsync it, rename it to its final name, fsync the folder (fsync(2), NOTES: the file's fsync does
not persist the directory entry). Python's own per-call work is user time; the system calls' work is system time, so
the `sys_us` it prints is the kernel's CPU per durable file, the part no user-space code can remove.
Prints {"files": n, "bytes": size, "sys_us": <system CPU us per file>, "user_us": ..., "wall_us": ...}.
"""
import json
import os
import resource
import sys
import time

files, size, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
content = os.urandom(size)
directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
for i in range(files):
    temporary, final = os.path.join(folder, f".tmp-{i}"), os.path.join(folder, f"{i:09d}.parquet")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.write(fd, content)
    os.fsync(fd)
    os.close(fd)
    os.rename(temporary, final)
    os.fsync(directory)
wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
os.close(directory)
print(json.dumps({
    "files": files,
    "bytes": size,
    "sys_us": (after.ru_stime - before.ru_stime) * 1e6 / files,
    "user_us": (after.ru_utime - before.ru_utime) * 1e6 / files,
    "wall_us": wall * 1e6 / files,
}))
