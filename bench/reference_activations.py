#!/usr/bin/python3
"""Float64 reference activations of the nsfwjs@4.4.0 InceptionV3 (mixed0..mixed5) for
cross-checking another implementation (the Java/DJL engine).

Deterministic input (documented exactly):
  * width W = 147, height H = 131 (override with --width/--height), batch 1, NCHW.
  * raw pixel p[c, y, x] = (x*7 + y*13 + c*29) % 256 for channel c in {0:R, 1:G, 2:B},
    row y in [0, H), column x in [0, W).
  * network input in[0, c, y, x] = p[c, y, x] / 127.5 - 1   (Keras InceptionV3 convention).
  * everything in float64; BatchNorm applied as eval-mode batch norm
    (x - moving_mean) / sqrt(moving_variance + 0.001) + beta, no gamma; --fold-bn folds it
    into the conv instead (differences ~1e-15).

Reported per layer mixedK: shape [N, C, H, W], mean, std (population, ddof=0), min, max and
the values at four positions given as [n, c, y, x] computed from the layer shape:
  [0, 0, 0, 0], [0, C//2, H//2, W//2], [0, C//3, H//3, (2*W)//3], [0, C-1, H-1, W-1].
Per layer also: argmax as [n, c, y, x] (first maximum in NCHW row-major order) and the means
of channels 0, C//2 and C-1 (most fixed positions are 0 after the ReLU, so these carry more).
Gradient: loss = mean(mixed3) + mean(mixed5) (mean over all N*C*H*W elements each);
input_gradient = d loss / d in (with respect to the preprocessed [-1, 1] input, NCHW),
reported with mean, std (ddof=0), mean_abs and values at
  [0, 0, 0, 0], [0, 1, H//2, W//2], [0, 2, H//3, (2*W)//3], [0, 2, H-1, W-1];
  --check-fd adds central finite differences of the loss at those positions (they agree with
  the autograd values to about 1e-7 relative).

Usage: /usr/bin/python3 bench/reference_activations.py [--tarball PATH] [--out file.json]
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nsfw_model  # noqa: E402

LAYERS = ("mixed0", "mixed1", "mixed2", "mixed3", "mixed4", "mixed5")


def input_image(w, h):
    c = torch.arange(3, dtype=torch.int64).view(3, 1, 1)
    y = torch.arange(h, dtype=torch.int64).view(1, h, 1)
    x = torch.arange(w, dtype=torch.int64).view(1, 1, w)
    p = (x * 7 + y * 13 + c * 29) % 256
    return nsfw_model.preprocess(p.to(torch.float64).unsqueeze(0))


def stats(t, positions):
    idx = int(t.argmax())
    arg = []
    for d in reversed(t.shape):
        arg.append(idx % d)
        idx //= d
    C = t.shape[1]
    chans = [0, C // 2, C - 1]
    return {
        "shape": list(t.shape),
        "mean": t.mean().item(),
        "std": t.std(unbiased=False).item(),
        "min": t.min().item(),
        "max": t.max().item(),
        "positions": [list(p) for p in positions],
        "values": [t[p].item() for p in positions],
        "argmax": arg[::-1],
        "channel_mean_channels": chans,
        "channel_mean": [t[:, c].mean().item() for c in chans],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tarball", default=nsfw_model.DEFAULT_TARBALL)
    ap.add_argument("--width", type=int, default=147)
    ap.add_argument("--height", type=int, default=131)
    ap.add_argument("--fold-bn", action="store_true", help="fold BN into conv (default: F.batch_norm)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--check-fd", action="store_true",
                    help="add central finite differences (h=1e-5) of the loss at the gradient positions")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)

    net = nsfw_model.InceptionToMixed5(a.tarball, outputs=LAYERS, dtype=torch.float64,
                                       fold_bn=a.fold_bn)
    img = input_image(a.width, a.height).requires_grad_(True)
    out = net.forward(img)
    loss = out["mixed3"].mean() + out["mixed5"].mean()
    (g,) = torch.autograd.grad(loss, img)

    res = {
        "model": "nsfwjs@4.4.0 inception_v3 (Keras 2.2.4), up to mixed5",
        "tarball": net.tarball,
        "torch": torch.__version__,
        "dtype": "float64",
        "bn": "folded into conv" if a.fold_bn else "F.batch_norm eval, eps=0.001, no gamma",
        "parameters_to_mixed5": net.n_params,
        "conv_layers": net.n_conv,
        "bn_layers": net.n_bn,
        "input": {
            "layout": "NCHW",
            "shape": list(img.shape),
            "formula": "p[c,y,x] = (x*7 + y*13 + c*29) % 256; in = p/127.5 - 1",
            "mean": img.detach().mean().item(),
        },
        "layers": {},
        "loss": {"formula": "mean(mixed3) + mean(mixed5)", "value": loss.item()},
    }
    with torch.no_grad():
        for name in LAYERS:
            t = out[name]
            _, C, H, W = t.shape
            pos = [(0, 0, 0, 0), (0, C // 2, H // 2, W // 2), (0, C // 3, H // 3, (2 * W) // 3),
                   (0, C - 1, H - 1, W - 1)]
            res["layers"][name] = stats(t, pos)
        H, W = a.height, a.width
        gpos = [(0, 0, 0, 0), (0, 1, H // 2, W // 2), (0, 2, H // 3, (2 * W) // 3), (0, 2, H - 1, W - 1)]
        gs = stats(g, gpos)
        gs["mean_abs"] = g.abs().mean().item()
        gs["of"] = "d loss / d input (preprocessed [-1,1] space)"
        res["input_gradient"] = gs
        if a.check_fd:
            h = 1e-5
            fd = []
            for p in gpos:
                xp, xm = img.detach().clone(), img.detach().clone()
                xp[p] += h
                xm[p] -= h
                lp = sum(v.mean() for k, v in net.forward(xp).items() if k in ("mixed3", "mixed5"))
                lm = sum(v.mean() for k, v in net.forward(xm).items() if k in ("mixed3", "mixed5"))
                fd.append(((lp - lm) / (2 * h)).item())
            gs["finite_difference_h1e-5"] = fd

    text = json.dumps(res, indent=1)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
