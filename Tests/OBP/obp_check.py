#!/usr/bin/env python3
"""Runs Open Bandit Pipeline's off-policy estimators on logs written by rec's cross-check test.

  obp_check.py FILE.json      prints obp's estimates of every case in FILE as JSON
  obp_check.py --check        exits 0 when obp's estimators can be loaded here, else 1

FILE holds {"cases": [case, ...]}, each case one fixed policy judged on one log:

  {"name": "uniform/greedy", "n_actions": 3,
   "action": [...],        the logged action of each judged row, as its index among the row's candidates
   "reward": [...],        the logged reward
   "pscore": [...],        the logging policy's propensity of the logged action
   "action_dist": [[...]], the policy's probability of each candidate, π(a | x_i)
   "q_hat": [[...]]}       the reward model's prediction for each candidate, q̂(x_i, a)

The output is {"obp": version, "values": {name: {estimator: value}}} with, per case, obp's
`InverseProbabilityWeighting` ("ipw"), `SelfNormalizedInverseProbabilityWeighting` ("snipw"),
`DirectMethod` ("dm"), `DoublyRobust` ("dr") and `ReplayMethod` ("rm") estimate_policy_value, and
"snipw_uniform": SNIPW with every propensity 1 / n_actions, Σ π(a_i | x_i) r_i / Σ π(a_i | x_i),
the reading of a replay under uniform logging. action_dist and q_hat go to obp shaped
(n, n_actions, 1), every position 0.

Needs numpy, scikit-learn and obp 0.5.5 (`pip install scikit-learn` then
`pip install --no-deps --ignore-requires-python obp==0.5.5`: obp declares Python < 3.10 and pins
old versions of its dependencies). Only obp/utils.py, obp/ope/helper.py and obp/ope/estimators.py
are loaded: obp's package __init__ imports its datasets (pandas 2), plots (matplotlib, seaborn)
and policies (torch), none of which the estimators use, and obp/utils.py imports torch only for a
type annotation and an isinstance check, so an empty stand-in module serves.
"""

import importlib.metadata
import importlib.util
import json
import sys
import types


def load_estimators():
    """obp.ope.estimators, without running obp's or obp.ope's __init__."""
    spec = importlib.util.find_spec("obp")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("obp is not installed")
    folder = list(spec.submodule_search_locations)[0]
    # Empty packages in place of obp and obp.ope: their submodules load, their __init__ files do not.
    for name, path in (("obp", folder), ("obp.ope", folder + "/ope")):
        package = types.ModuleType(name)
        package.__path__ = [path]
        sys.modules.setdefault(name, package)
    if "torch" not in sys.modules:
        try:
            import torch  # noqa: F401  (the real one, where it is installed)
        except ImportError:
            torch = types.ModuleType("torch")
            torch.Tensor = type("Tensor", (), {})
            torch.tensor = torch.Tensor
            sys.modules["torch"] = torch
    import obp.ope.estimators as estimators

    return estimators


def estimate(estimators, case):
    import numpy as np

    n_actions = case["n_actions"]
    action = np.asarray(case["action"], dtype=int)
    reward = np.asarray(case["reward"], dtype=float)
    pscore = np.asarray(case["pscore"], dtype=float)
    n = action.shape[0]
    action_dist = np.asarray(case["action_dist"], dtype=float).reshape(n, n_actions, 1)
    q_hat = np.asarray(case["q_hat"], dtype=float).reshape(n, n_actions, 1)
    position = np.zeros(n, dtype=int)
    common = dict(reward=reward, action=action, action_dist=action_dist, position=position)
    return {
        "ipw": estimators.InverseProbabilityWeighting().estimate_policy_value(pscore=pscore, **common),
        "snipw": estimators.SelfNormalizedInverseProbabilityWeighting().estimate_policy_value(pscore=pscore, **common),
        "dm": estimators.DirectMethod().estimate_policy_value(
            action_dist=action_dist, position=position, estimated_rewards_by_reg_model=q_hat),
        "dr": estimators.DoublyRobust().estimate_policy_value(
            pscore=pscore, estimated_rewards_by_reg_model=q_hat, **common),
        "rm": estimators.ReplayMethod().estimate_policy_value(**common),
        "snipw_uniform": estimators.SelfNormalizedInverseProbabilityWeighting().estimate_policy_value(
            pscore=np.full(n, 1 / n_actions), **common),
    }


def main(argv):
    if argv[1:] == ["--check"]:
        try:
            import sklearn  # noqa: F401

            load_estimators()
        except Exception as error:  # any failure to load means the check cannot run here
            print(f"obp cannot be loaded: {error}", file=sys.stderr)
            return 1
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    estimators = load_estimators()
    with open(argv[1]) as f:
        cases = json.load(f)["cases"]
    values = {case["name"]: {k: float(v) for k, v in estimate(estimators, case).items()} for case in cases}
    json.dump({"obp": importlib.metadata.version("obp"), "values": values}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
