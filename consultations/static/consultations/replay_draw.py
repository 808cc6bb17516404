# Replays a random draw of the site (sha256-rank-v1) from its published list alone, with Python 3 and nothing else:
#     python3 replay_draw.py entrees.txt SEED COUNT
import hashlib
import sys

path, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "rb") as published:
    data = published.read()
print("SHA-256 of the list:", hashlib.sha256(data).hexdigest())  # the same as `sha256sum entrees.txt`
entries = data.decode("utf-8").split("\n")[:-1]  # one entry a line, each line ended by a line feed


def rank(entry):  # the SHA-256 of the seed, a line feed, then the entry
    return hashlib.sha256(f"{seed}\n{entry}".encode()).hexdigest()


for position, entry in enumerate(sorted(entries, key=rank)[:count], start=1):
    print(f"{position}. {entry}")
