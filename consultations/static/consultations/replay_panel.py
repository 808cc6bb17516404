# Replays a stratified draw of the site (sha256-rank-strata-v1) from its two published files alone, with Python 3
# and nothing else:
#     python3 replay_panel.py entrees.txt quotas.txt SEED
import hashlib
import sys

entries_path, quotas_path, seed = sys.argv[1], sys.argv[2], sys.argv[3]


def lines(path):  # the file's lines (one a line, each ended by a line feed) and its SHA-256
    with open(path, "rb") as published:
        data = published.read()
    return data.decode("utf-8").split("\n")[:-1], hashlib.sha256(data).hexdigest()


entries, entries_sha256 = lines(entries_path)
quotas, quotas_sha256 = lines(quotas_path)
print("SHA-256 of the list:", entries_sha256)  # the same as `sha256sum entrees.txt`
print("SHA-256 of the quotas:", quotas_sha256)


def rank(entry):  # the SHA-256 of the seed, a line feed, then the entry
    return hashlib.sha256(f"{seed}\n{entry}".encode()).hexdigest()


ranked = sorted(entries, key=rank)
for quota in quotas:
    stratum, seats = quota.rsplit(" | ", 1)
    # The stratum's people, in draw order: each line is "number | value | value…"
    members = [entry for entry in ranked if entry.split(" | ", 1)[1] == stratum]
    short = int(seats) - len(members[: int(seats)])
    print(f"\n{stratum}: {seats} seats" + (f", {short} not filled (too few people)" if short else ""))
    for position, entry in enumerate(members[: int(seats)], start=1):
        print(f"  {position}. {entry.split(' | ')[0]}")
    reserves = [entry.split(" | ")[0] for entry in members[int(seats) :]]
    print("  reserves, in order:", ", ".join(reserves) or "none")
