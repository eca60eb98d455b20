"""Writes fsum.json: adversarial lists of doubles and Python's math.fsum of each (the exact sum,
correctly rounded), every double as the hex of its bits. Run from this folder: python3 make_fsum.py"""
import json, math, random, struct

def bits(x):
    return struct.pack(">d", x).hex()

rng = random.Random(18)
cases = []

def wide(n, top=1000):
    # Any sign, any mantissa, exponents across almost the whole range.
    return [math.ldexp(rng.random() + 0.5, rng.randint(-1070, top)) * rng.choice([-1, 1]) for _ in range(n)]

for _ in range(10):
    cases.append(wide(rng.randint(2, 60)))
for _ in range(10):
    # Large terms that cancel exactly, hiding small ones of every size.
    big = wide(20, top=900)
    xs = big + [-x for x in big] + wide(10, top=-20)
    rng.shuffle(xs)
    cases.append(xs)
for k in range(1, 60, 4):
    # Halfway cases: 2^53 + 1 plus a tiny push either way, or none.
    for push in (0.0, math.ldexp(1, -k), -math.ldexp(1, -k)):
        xs = [2.0 ** 53, 1.0, push]
        rng.shuffle(xs)
        cases.append(xs)
for _ in range(10):
    # Many values near one with rounding errors in every partial sum.
    cases.append([rng.choice([0.1, 0.2, 0.3, 1e-16, -1e-16, 1 / 3]) * rng.choice([-1, 1]) for _ in range(200)])
for _ in range(5):
    # Near the largest doubles, cancelling without overflowing.
    xs = [1.7e308, -1.7e308, 1e308, -9.9e307, 3.0]
    rng.shuffle(xs)
    cases.append(xs)

out = [{"values": [bits(x) for x in xs], "fsum": bits(math.fsum(xs))} for xs in cases]
with open("fsum.json", "w") as f:
    json.dump(out, f, indent=0)
    f.write("\n")
print(len(out), "cases")
