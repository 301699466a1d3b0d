#!/usr/bin/env python3
"""Measure detection on bench/detection as the gateway would judge each message.

    python3 bench/detection/measure.py MAILFILTER [dev|test] [--rules DIR] [--per-message] [--errors] [--json OUT]

MAILFILTER is a built `mailfilter` (apphost) or `mailfilter.dll`. Each message is judged by `mailfilter scan --json`
with its own envelope from labels.csv: MAIL FROM, RCPT TO, and a client address that is trusted (127.0.0.1) for
staff-written mail (internal, outbound) and untrusted (203.0.113.5) for inbound mail, with
`--Smtp:AcceptedDomains:0=city.example`, so the direction is the one the gateway would decide. A category counts as
flagged when it is in the verdict's `categories` (tag or above); "held" is quarantine or above.

By default all messages go through one `scan --envelopes` process; `--per-message` runs one `scan --mail-from
--rcpt --client-ip` per message instead (slow; the same verdicts, except that a single process remembers body
fingerprints across messages).

The test set is frozen (README.md): for `test` only aggregate numbers are printed, `--errors` is refused, and every
scoring must be recorded in src/Classifier/MODEL.md.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

CATEGORIES = ["mass_mailing", "solicitation", "chain_letter", "profanity", "political", "harassment"]
TRUSTED_IP = "127.0.0.1"
OUTSIDE_IP = "203.0.113.5"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def command(mailfilter):
    return ["dotnet", mailfilter] if mailfilter.endswith(".dll") else [mailfilter]


def read_labels(folder):
    with open(os.path.join(folder, "labels.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["path"] = os.path.join(folder, row["file"])
        row["truth"] = {c for c in row["categories"].split(";") if c}
        row["client_ip"] = OUTSIDE_IP if row["direction"] == "inbound" else TRUSTED_IP
    return rows


def scan(mailfilter, rows, rules, per_message, extra):
    common = ["--json", "--Smtp:AcceptedDomains:0=city.example", "--rules", rules, "--data", tempfile.mkdtemp(prefix="mf-measure-")] + extra
    verdicts = {}
    if per_message:
        for row in rows:
            args = command(mailfilter) + ["scan", row["path"], "--mail-from", row["mail_from"], "--client-ip", row["client_ip"]]
            for r in row["rcpt"].split():
                args += ["--rcpt", r]
            out = subprocess.run(args + common, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"measure: scan failed on {row['file']}: {out.stderr.strip()}")
            verdicts[row["path"]] = json.loads(out.stdout)
        return verdicts
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join([row["path"], row["mail_from"], row["rcpt"], row["client_ip"]]) + "\n")
        envelopes = f.name
    try:
        out = subprocess.run(command(mailfilter) + ["scan", "--envelopes", envelopes] + common, capture_output=True, text=True)
    finally:
        os.unlink(envelopes)
    if out.returncode != 0:
        sys.exit(f"measure: scan failed: {out.stderr.strip()}")
    for line in out.stdout.splitlines():
        verdict = json.loads(line)
        verdicts[verdict["file"]] = verdict
    return verdicts


def held(verdict, category):
    result = verdict.get("categoryResults", {}).get(category)
    return result is not None and result.get("action") in ("quarantine", "reject")


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def measure(rows, verdicts):
    report = {"categories": {}, "messages": len(rows)}
    for category in CATEGORIES:
        entry = {}
        for level in ("flagged", "held"):
            tp = fp = fn = 0
            for row in rows:
                v = verdicts[row["path"]]
                hit = category in v["categories"] if level == "flagged" else held(v, category)
                truth = category in row["truth"]
                tp += hit and truth
                fp += hit and not truth
                fn += truth and not hit
            p, r, f = prf(tp, fp, fn)
            entry[level] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        entry["support"] = sum(category in row["truth"] for row in rows)
        # Held share of the category's own positives, and the tag-only share.
        entry["tag_only"] = sum(category in verdicts[row["path"]]["categories"] and not held(verdicts[row["path"]], category) for row in rows)
        report["categories"][category] = entry
    negatives = [row for row in rows if not row["truth"]]
    report["hard_negatives"] = len(negatives)
    report["hard_negatives_flagged"] = sum(bool(verdicts[row["path"]]["categories"]) for row in negatives)
    report["hard_negatives_held"] = sum(verdicts[row["path"]]["action"] in ("quarantine", "reject") for row in negatives)
    report["macro_f1"] = sum(report["categories"][c]["flagged"]["f1"] for c in CATEGORIES) / len(CATEGORIES)
    report["macro_f1_held"] = sum(report["categories"][c]["held"]["f1"] for c in CATEGORIES) / len(CATEGORIES)
    by_direction = {}
    for row in rows:
        d = by_direction.setdefault(row["direction"], [0, 0])
        d[0] += 1
        d[1] += verdicts[row["path"]]["direction"] == row["direction"]
    report["direction_agreement"] = by_direction
    return report


def print_report(name, report, rules):
    print(f"set {name}: {report['messages']} messages, rules {rules}")
    print(f"{'category':<13} {'n':>3} | {'flagged (tag or above)':^27} | {'held (quarantine or above)':^27} | tag only")
    print(f"{'':<13} {'':>3} | {'P':>7} {'R':>6} {'F1':>6} {'FP':>4} | {'P':>7} {'R':>6} {'F1':>6} {'FP':>4} |")
    for category in CATEGORIES:
        e = report["categories"][category]
        f, h = e["flagged"], e["held"]
        print(f"{category:<13} {e['support']:>3} | {f['precision']:>7.2f} {f['recall']:>6.2f} {f['f1']:>6.2f} {f['fp']:>4} |"
              f" {h['precision']:>7.2f} {h['recall']:>6.2f} {h['f1']:>6.2f} {h['fp']:>4} | {e['tag_only']:>4}")
    n = report["hard_negatives"]
    print(f"macro-F1 flagged {report['macro_f1']:.3f}, held {report['macro_f1_held']:.3f}")
    print(f"hard negatives flagged: {report['hard_negatives_flagged']} / {n} = {report['hard_negatives_flagged'] / n:.1%};"
          f" held: {report['hard_negatives_held']} / {n} = {report['hard_negatives_held'] / n:.1%}")
    print("direction as judged / as labelled: " + ", ".join(f"{d} {ok}/{total}" for d, (total, ok) in sorted(report["direction_agreement"].items())))


def print_errors(rows, verdicts):
    for row in rows:
        v = verdicts[row["path"]]
        got = set(v["categories"])
        missed, extra = row["truth"] - got, got - row["truth"]
        if not missed and not extra:
            continue
        external = {e["name"].split(".", 1)[1]: e["value"] for e in v.get("external", [])}
        scores = " ".join(f"{k}={x:.2f}" for k, x in sorted(external.items()))
        print(f"{row['file']} {row['direction']:<8} missed={','.join(sorted(missed)) or '-'} extra={','.join(sorted(extra)) or '-'}"
              f" [{scores}] rules={','.join(r['id'] for r in v['rules'])} | {row['note']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mailfilter")
    parser.add_argument("set", nargs="?", default="dev", choices=["dev", "test"])
    parser.add_argument("--rules", default=os.path.join(REPO, "rules"))
    parser.add_argument("--per-message", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every message judged wrongly (dev only)")
    parser.add_argument("--json", help="write the aggregate report to this file")
    parser.add_argument("--scan-arg", action="append", default=[], help="an extra argument for scan (repeatable)")
    args = parser.parse_args()
    if args.set == "test" and args.errors:
        sys.exit("measure: the test set is frozen; only aggregate numbers are printed for it")
    rows = read_labels(os.path.join(HERE, args.set))
    verdicts = scan(args.mailfilter, rows, args.rules, args.per_message, args.scan_arg)
    missing = [row["file"] for row in rows if row["path"] not in verdicts]
    if missing:
        sys.exit(f"measure: no verdict for {len(missing)} message(s)")
    report = measure(rows, verdicts)
    rules_version = next(iter(verdicts.values())).get("rulesVersion", "?")
    print_report(args.set, report, rules_version)
    if args.errors:
        print_errors(rows, verdicts)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
