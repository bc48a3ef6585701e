#!/usr/bin/env python3
"""Compares two folders of pages written by the crawler (OMZIEN_CRAWL_DUMP) after normalising what differs
between runs by itself (whitespace between tags, record ids, CSRF tokens, reference codes, clock times).

Used when the way pages are drawn changes but what they show must not: run the crawler before and after,
then `scripts/compare-page-dumps.py before/ after/ [name-filter]`. Prints a unified diff per page that differs
and exits 1 if any does."""
import difflib, os, re, sys

NAME_UUID = re.compile(r"[0-9A-Fa-f]{8}_[0-9A-Fa-f]{4}_[0-9A-Fa-f]{4}_[0-9A-Fa-f]{4}_[0-9A-Fa-f]{12}")
UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def normalise(html: str) -> list[str]:
    html = UUID.sub("UUID", html)
    html = re.sub(r'name="_csrf" value="[^"]*"', 'name="_csrf" value="CSRF"', html)
    html = re.sub(r'(<code class="secret">)[A-Z2-7 ]+', r"\1SECRET", html)
    html = re.sub(r"secret=[A-Z2-7]+", "secret=SECRET", html)
    html = re.sub(r"\b\d\d:\d\d(:\d\d)?\b", "TIME", html)
    html = re.sub(r"<td>[0-9a-f]{12}</td>", "<td>SESSION</td>", html)
    html = re.sub(r"\b[0-9A-F]{8}\b", "ID8", html)
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+", ">", html)
    html = re.sub(r"\s+<", "<", html)
    # one tag per line, so a diff points at the element that changed
    return html.replace("><", ">\n<").splitlines()


def main() -> int:
    before, after = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    # Page files are named after their address, whose record ids differ from run to run.
    files = {side: {NAME_UUID.sub("UUID", n): n for n in os.listdir(side)} for side in (before, after)}
    names = sorted(n for n in set(files[before]) | set(files[after]) if only in n)
    differing = missing = 0
    for name in names:
        if name not in files[before] or name not in files[after]:
            missing += 1
            continue
        a, b = os.path.join(before, files[before][name]), os.path.join(after, files[after][name])
        old, new = normalise(open(a).read()), normalise(open(b).read())
        if old != new:
            differing += 1
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(old, new, a, b, n=2, lineterm=""))
    print(f"{len(names)} pages, {differing} differ, {missing} only on one side", file=sys.stderr)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
