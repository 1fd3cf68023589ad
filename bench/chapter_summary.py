#!/usr/bin/env python3
"""The book's folder_summary.py, with the standard library only: the baseline
that `uvimap summary` is measured against.

Foundations of Python Network Programming (3rd ed.), chapter 15, summarises a
folder with IMAPClient: it fetches every whole message (UID FETCH 1:*
(BODY.PEEK[])), parses each with the email package and prints its UID and
From, then either the first 60 characters of the text with white space
collapsed and " ...", or "Parts:" and the content types of the top-level
parts. This script does the same with imaplib over TLS, verifying the server
against a CA file, so that it runs where IMAPClient is not installed. On the
book's mailbox its output is byte for byte the one DESIGN.md shows.

One account, the password on standard input (as `echo abc123 |` feeds the
chapter's scripts):

    echo abc123 | bench/chapter_summary.py HOST PORT USER FOLDER CA_FILE

Many accounts, one after the other as the chapter's script would be run,
from an accounts file of imaps:// URLs; passwords from a netrc (or one
password for all on standard input):

    bench/chapter_summary.py --accounts accounts.txt --netrc netrc \\
        --folder INBOX --ca-file CA_FILE

Each account's summary is preceded by a line "== URL". Exit status 1 if any
account failed (each failure is reported on standard error), 2 on bad
arguments. With --stats, a JSON line on standard error at the end says what
the run cost, in the form uvimap --stats and bench_raw_floor print: wall
time, CPU time, IMAP bytes read (after TLS) and peak resident set.
"""

import argparse
import email
import imaplib
import json
import re
import resource
import shlex
import ssl
import sys
import time
from urllib.parse import unquote, urlsplit

UID_PATTERN = re.compile(rb"\bUID (\d+)")


def print_summary(c, foldername):
    """What the chapter's print_summary() does, with imaplib's answers."""
    typ, data = c.select(foldername, readonly=True)
    if typ != "OK":
        raise imaplib.IMAP4.error(f"cannot open {foldername}: {data}")
    typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[])")
    if typ != "OK":
        raise imaplib.IMAP4.error(f"FETCH failed: {data}")
    for uid, raw in fetched_messages(data):
        e = email.message_from_bytes(raw)
        print(uid, e["From"])
        payload = e.get_payload()
        if isinstance(payload, list):
            part_content_types = [part.get_content_type() for part in payload]
            print("  Parts:", " ".join(part_content_types))
        else:
            print("  ", " ".join(payload[:60].split()), "...")


def fetched_messages(data):
    """(UID, message bytes) pairs from imaplib's FETCH data, in server order.

    imaplib gives a (b'1 (UID 1 BODY[] {123}', message) tuple per message
    and then the rest of its line (b')', or b' UID 1)' when the server sends
    the UID after the body)."""
    items = [item for item in (data or []) if item is not None]
    for n, item in enumerate(items):
        if not isinstance(item, tuple):
            continue
        head, raw = item
        match = UID_PATTERN.search(head)
        if match is None and n + 1 < len(items) and isinstance(items[n + 1], bytes):
            match = UID_PATTERN.search(items[n + 1])
        if match is None:
            raise imaplib.IMAP4.error(f"no UID in FETCH response {head[:80]!r}")
        yield int(match.group(1)), raw


class CountingIMAP4_SSL(imaplib.IMAP4_SSL):
    """imaplib's TLS client, counting the IMAP bytes it reads (for --stats)."""

    bytes_read = 0

    def read(self, size):
        data = super().read(size)
        CountingIMAP4_SSL.bytes_read += len(data)
        return data

    def readline(self):
        line = super().readline()
        CountingIMAP4_SSL.bytes_read += len(line)
        return line


def print_stats(started):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = {
        "tool": "chapter_summary",
        "wall_s": round(time.monotonic() - started, 3),
        "cpu_user_s": round(usage.ru_utime, 3),
        "cpu_sys_s": round(usage.ru_stime, 3),
        "bytes_read": CountingIMAP4_SSL.bytes_read,
        "max_rss_kib": usage.ru_maxrss,
    }
    print(json.dumps(stats, separators=(",", ":")), file=sys.stderr)


def summarise(host, port, user, password, folder, context):
    c = CountingIMAP4_SSL(host, port, ssl_context=context)
    try:
        c.login(user, password)
        print_summary(c, folder)
    finally:
        try:
            c.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def read_password():
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass()
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def read_netrc(path):
    """(machine, login) -> password, for netrc files of plain one-line
    entries. Python's netrc module keeps one entry per host, and the
    benchmark has a thousand users on one host."""
    passwords = {}
    with open(path, encoding="utf-8") as f:
        tokens = shlex.split(f.read(), comments=True)
    entry = {}
    for key, value in zip(tokens[::2], tokens[1::2]):
        if key == "machine" and entry:
            passwords[(entry.get("machine"), entry.get("login"))] = entry.get("password")
            entry = {}
        entry[key] = value
    if entry:
        passwords[(entry.get("machine"), entry.get("login"))] = entry.get("password")
    return passwords


def account_urls(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                yield line


def run_accounts(args, context):
    passwords = read_netrc(args.netrc) if args.netrc else None
    shared = None if passwords is not None else read_password()
    failed = 0
    for url in account_urls(args.accounts):
        parts = urlsplit(url)
        if parts.scheme != "imaps":
            sys.exit(f"chapter_summary: {url}: only imaps:// URLs")
        user, host = unquote(parts.username or ""), parts.hostname
        port = parts.port or 993
        password = shared if passwords is None else passwords.get((host, user))
        print("==", url)
        try:
            if password is None:
                raise KeyError("no password in the netrc")
            summarise(host, port, user, password, args.folder, context)
        except (imaplib.IMAP4.error, OSError, KeyError) as err:
            failed += 1
            print(f"chapter_summary: {url}: {err}", file=sys.stderr)
    return 1 if failed else 0


def main(argv):
    p = argparse.ArgumentParser(
        prog="chapter_summary.py",
        description="The chapter's folder summary with imaplib and the email package.",
    )
    p.add_argument("host", nargs="?")
    p.add_argument("port", nargs="?", type=int)
    p.add_argument("user", nargs="?")
    p.add_argument("folder", nargs="?")
    p.add_argument("ca_file", nargs="?")
    p.add_argument("--accounts", metavar="FILE", help="imaps:// URLs, one per line")
    p.add_argument("--netrc", metavar="FILE", help="passwords for --accounts")
    p.add_argument("--folder", dest="accounts_folder", default="INBOX", metavar="NAME")
    p.add_argument("--ca-file", dest="accounts_ca_file", metavar="CA_FILE")
    p.add_argument("--stats", action="store_true", help="what the run cost, on standard error")
    args = p.parse_args(argv)
    started = time.monotonic()
    status = run(p, args)
    if args.stats:
        print_stats(started)
    return status


def run(p, args):
    # Message text can hold anything; never die printing it.
    sys.stdout.reconfigure(errors="backslashreplace")

    if args.accounts:
        if not args.accounts_ca_file or args.host:
            p.error("--accounts takes --ca-file and no positional arguments")
        args.folder = args.accounts_folder
        return run_accounts(args, ssl.create_default_context(cafile=args.accounts_ca_file))
    if not args.ca_file:
        p.error("give HOST PORT USER FOLDER CA_FILE, or --accounts")
    context = ssl.create_default_context(cafile=args.ca_file)
    try:
        summarise(args.host, args.port, args.user, read_password(), args.folder, context)
    except (imaplib.IMAP4.error, OSError) as err:
        print("Could not summarise:", err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
