# Reference stream for dxreport's MT19937 (src/statistics/mersenneTwister.ts): NumPy's
# RandomState (init_genrand seeding), first 200 32-bit outputs and first 200 doubles; and
# RandomState([seed, block]) (init_by_array seeding), as the bootstrap keys its blocks.
# Run with Debian's python: /usr/bin/python3 test/reference/mersenne_twister.py
import json
import numpy as np

out = {"script": "test/reference/mersenne_twister.py", "numpy": np.__version__, "seeds": []}
for seed in [0, 1, 42, 20250928, 4294967295]:
    r = np.random.RandomState(seed)
    uint32 = [int(v) for v in r.randint(0, 2**32, size=200, dtype=np.uint64)]
    r = np.random.RandomState(seed)
    doubles = [float(v) for v in r.random_sample(200)]
    out["seeds"].append({"seed": seed, "uint32": uint32, "doubles": doubles})
out["keys"] = []
for key in [[1, 0], [1, 1], [1, 19], [42, 7], [4294967295, 4294967295], [0], [5, 6, 7]]:
    r = np.random.RandomState(key)
    uint32 = [int(v) for v in r.randint(0, 2**32, size=200, dtype=np.uint64)]
    out["keys"].append({"key": key, "uint32": uint32})
with open("test/reference/expected/mersenne_twister.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
