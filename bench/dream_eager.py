"""PyTorch eager reference of a whole CLI dream: the same work as
    ./oneira dream IN OUT --octaves A..B --steps N --jitter 0 --tile-size 1024 [--octave-scale S]
from process start to the PNG written, for `bench/whole_dream.sh` (issue 13).

The same as the engine's classic preset with octave detail "preserve": layers mixed3 + mixed5 (mean
of each), octave sizes round(side * scale^n), each octave starts from the photo resized to it plus
the detail dreamt so far, gradient / (std + 1e-8) * step, clip to [-1, 1], and at the end the photo
at its own size plus the detail. Whole image per step (no tiles: the engine gets --tile-size 1024 so
that it runs one tile too), float32, BatchNorm folded, NCHW, plain eager (no jit, no compile).
The photo is fitted within --max-side (default 1024) as the engine does.

Run with Debian's torch: /usr/bin/python3 bench/dream_eager.py IN.png OUT.png --octaves -1..1 --steps 20
"""
import argparse
import os
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nsfw_model  # noqa: E402


def resized(x, h, w):
    if x.shape[2] == h and x.shape[3] == w:
        return x.clone()
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--octaves", default="-1..1")
    ap.add_argument("--octave-scale", type=float, default=1.4)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--step-size", type=float, default=0.015)
    ap.add_argument("--max-side", type=int, default=1024)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--tarball", default=nsfw_model.DEFAULT_TARBALL)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    lo, hi = (int(v) for v in a.octaves.split(".."))

    net = nsfw_model.InceptionToMixed5(a.tarball, outputs=("mixed3", "mixed5"), dtype=torch.float32, fold_bn=True)
    t_model = time.perf_counter()

    img = Image.open(a.input).convert("RGB")
    if max(img.size) > a.max_side:
        f = a.max_side / max(img.size)
        img = img.resize((max(1, round(img.size[0] * f)), max(1, round(img.size[1] * f))), Image.BILINEAR)
    photo = torch.from_numpy(np.asarray(img, dtype=np.float32).copy()).permute(2, 0, 1).unsqueeze(0)
    photo = nsfw_model.preprocess(photo)
    height, width = photo.shape[2], photo.shape[3]

    detail = None
    steps = 0
    for n in range(lo, hi + 1):
        factor = a.octave_scale ** n
        h, w = round(height * factor), round(width * factor)
        base = resized(photo, h, w)
        image = base.clone() if detail is None else base + resized(detail, h, w)
        for _ in range(a.steps):
            x = image.detach().requires_grad_(True)
            out = net.forward(x)
            loss = out["mixed3"].mean() + out["mixed5"].mean()
            (g,) = torch.autograd.grad(loss, x)
            with torch.no_grad():
                image = (image + a.step_size * g / (g.std() + 1e-8)).clamp_(-1.0, 1.0)
            steps += 1
        detail = image - base
    result = (photo + resized(detail, height, width)).clamp_(-1.0, 1.0)
    pixels = ((result[0].permute(1, 2, 0) + 1.0) * 127.5).round().clamp(0, 255).to(torch.uint8).numpy()
    Image.fromarray(pixels).save(a.output)
    t_end = time.perf_counter()
    print("RESULT impl=pytorch-eager-dream size=%dx%d octaves=%s steps=%d threads=%d model_load_s=%.2f total_s=%.2f"
          % (width, height, a.octaves, steps, a.threads, t_model - T0, t_end - T0))


if __name__ == "__main__":
    main()
