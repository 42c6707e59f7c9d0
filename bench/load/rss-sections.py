#!/usr/bin/env python3
"""Where a running gateway's resident memory is: per ELF section of its executable, and per mapping.

Usage: bench/load/rss-sections.py PID [EXECUTABLE]
  PID         a running gateway (the native build, or the JIT build with EXECUTABLE left out)
  EXECUTABLE  the native `switchboard` executable; its sections come from `readelf -S`

Reads /proc/PID/maps and /proc/PID/pagemap (root), so it counts the pages that are really present, section by section,
and how many of them are file pages or shared memory (pagemap bit 61; the JIT build's W^X views count there). Linux only; needs readelf (binutils) for the section table.
"""
import os
import re
import struct
import subprocess
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")


def mappings(pid):
    for line in open(f"/proc/{pid}/maps"):
        parts = line.split()
        low, high = (int(x, 16) for x in parts[0].split("-"))
        if parts[1].startswith("---"):
            continue  # reserved, never resident (the GC alone reserves hundreds of GB this way)
        yield low, high, int(parts[2], 16), parts[5] if len(parts) > 5 else "[anonymous]"


def sections(executable):
    table = subprocess.run(["readelf", "-S", "-W", executable], capture_output=True, text=True, check=True).stdout
    for line in table.splitlines():
        match = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if match and int(match.group(2), 16) and int(match.group(3), 16):
            yield match.group(1), int(match.group(2), 16), int(match.group(3), 16)


def main():
    pid = int(sys.argv[1])
    executable = os.path.realpath(sys.argv[2]) if len(sys.argv) > 2 else None
    pagemap = open(f"/proc/{pid}/pagemap", "rb")

    def count(low, high):
        """Present pages and present file-backed pages in [low, high)."""
        present = file_backed = 0
        page, last = low // PAGE, -(-high // PAGE)
        while page < last:
            chunk = min(last - page, 1 << 16)  # 512 KB of pagemap at a time
            pagemap.seek(page * 8)
            for (entry,) in struct.iter_unpack("<Q", pagemap.read(chunk * 8)):
                if entry >> 63 & 1:
                    present += 1
                    file_backed += entry >> 61 & 1
            page += chunk
        return present * PAGE, file_backed * PAGE

    maps = list(mappings(pid))
    if executable:
        base = min(low - offset for low, _, offset, path in maps if path == executable)
        print(f"{'section':24} {'size MB':>9} {'resident MB':>12} {'file/shared':>12}")
        for name, address, size in sections(executable):
            resident, file_backed = count(base + address, base + address + size)
            print(f"{name:24} {size / 2**20:9.2f} {resident / 2**20:12.2f} {file_backed / 2**20:12.2f}")
        print()

    totals = {}
    for low, high, _, path in maps:
        resident, file_backed = count(low, high)
        total = totals.setdefault(path, [0, 0])
        total[0] += resident
        total[1] += file_backed
    print(f"{'resident MB':>12} {'file/shared':>12}  mapping")
    for path, (resident, file_backed) in sorted(totals.items(), key=lambda item: -item[1][0])[:20]:
        if resident:
            print(f"{resident / 2**20:12.2f} {file_backed / 2**20:12.2f}  {path}")


if __name__ == "__main__":
    main()
