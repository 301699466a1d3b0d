#!/usr/bin/env python3
"""Measures the shipped rules on the public evaluation data (../shared/data) through `mailfilter scan --json`.

Usage: measure.py MAILFILTER_DLL DATA_DIR [WORK_DIR]
Prints the three acceptance numbers and writes per-message results under WORK_DIR (default: a temp dir).
"""
import csv, json, os, subprocess, sys, tempfile
from collections import Counter

RULES = os.environ.get("RULES", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules"))

def scan(dll, paths, out):
    with open(out, "w") as f:
        # The example organisation's domain, as the packs' examples and samples assume (Smtp:AcceptedDomains).
        subprocess.run(["dotnet", dll, "scan", "--json", "--rules", RULES, "--Smtp:AcceptedDomains:0=city.example", *paths], stdout=f, check=True)
    with open(out) as f:
        return [json.loads(line) for line in f if line.strip()]

def political_messages(data, work):
    folder = os.path.join(work, "political-eml")
    os.makedirs(folder, exist_ok=True)
    csv.field_size_limit(1 << 24)
    with open(os.path.join(data, "political-emails", "bodies.csv"), newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            body = (row.get("body_text") or "").replace("\r\n", "\n").replace("\n", "\r\n")
            message = ("From: news@campaign.example\r\nTo: staff@city.example\r\nSubject: \r\n"
                       "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n")
            with open(os.path.join(folder, f"{i:05}.eml"), "w", encoding="utf-8", newline="") as out:
                out.write(message)
    return folder

def main():
    dll, data = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="rules-measure-")
    os.makedirs(work, exist_ok=True)
    sa = os.path.join(data, "spamassassin")
    ham = scan(dll, [os.path.join(sa, "easy_ham"), os.path.join(sa, "easy_ham_2")], os.path.join(work, "ham.jsonl"))
    spam = scan(dll, [os.path.join(sa, "spam"), os.path.join(sa, "spam_2")], os.path.join(work, "spam.jsonl"))
    political = scan(dll, [political_messages(data, work)], os.path.join(work, "political.jsonl"))

    held = [r for r in ham if r["action"] in ("quarantine", "reject")]
    flagged_spam = [r for r in spam if {"solicitation", "mass_mailing"} & set(r["categories"])]
    flagged_political = [r for r in political if "political" in r["categories"]]
    pct = lambda a, b: 100.0 * len(a) / max(len(b), 1)
    print(f"easy_ham quarantined (any category): {len(held)}/{len(ham)} = {pct(held, ham):.2f}%  (target < 1%)")
    print(f"  categories at tag or above on the held messages: {dict(Counter(c for r in held for c in r['categories']))}")
    print(f"  tagged: {sum(r['action'] == 'tag' for r in ham)}/{len(ham)}")
    print(f"spam flagged solicitation or mass_mailing: {len(flagged_spam)}/{len(spam)} = {pct(flagged_spam, spam):.2f}%  (target >= 70%)")
    print(f"political bodies flagged political: {len(flagged_political)}/{len(political)} = {pct(flagged_political, political):.2f}%  (target >= 90%)")
    print(f"  of them quarantined (inbound): {sum(r['action'] == 'quarantine' for r in political)}")
    print(f"results in {work}")

if __name__ == "__main__":
    main()
