#!/usr/bin/python3
"""PyTorch eager reference benchmark of one DeepDream gradient step (InceptionV3 to mixed5).

Plain eager mode: no torch.jit, no torch.compile. BatchNorm is folded into the conv weights
and biases (as the Java engine does), float32, NCHW, whole image (no tiling).

One gradient step:
    out = net(img)                      # forward to mixed3 and mixed5
    loss = mean(mixed3) + mean(mixed5)
    g = d loss / d img                  # weights have requires_grad=False
    g = g / (g.std() + 1e-8)
    img = clamp(img + 0.01 * g, -1, 1)
img is already preprocessed (x/127.5 - 1), shape 1x3xHxW.

Run with Debian's torch: /usr/bin/python3 bench/pytorch_eager.py --sizes 500x375,1024x768
"""
import argparse
import os
import resource
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nsfw_model  # noqa: E402


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def blas_libraries():
    """Which BLAS shared objects the process actually loaded (Debian resolves libblas.so.3
    through update-alternatives: openblas-pthread is fast, the reference BLAS is ~13x slower)."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "blas" in path or "lapack" in path:
                    libs.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(libs)


def gradient_step(net, img):
    img = img.detach().requires_grad_(True)
    out = net.forward(img)
    loss = out["mixed3"].mean() + out["mixed5"].mean()
    (g,) = torch.autograd.grad(loss, img)
    g = g / (g.std() + 1e-8)
    with torch.no_grad():
        return (img + 0.01 * g).clamp_(-1.0, 1.0), loss.item()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tarball", default=nsfw_model.DEFAULT_TARBALL,
                    help="nsfwjs-4.4.0.tgz (default %(default)s; falls back to /tmp/nsfw)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sizes", default="500x375,1024x768", help="comma list of WIDTHxHEIGHT")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--channels-last", action="store_true",
                    help="weights and image in PyTorch's channels-last memory format, as the engine runs "
                         "(a second reference; the issue's reference is the default NCHW)")
    a = ap.parse_args()
    impl = "pytorch-eager-channels-last" if a.channels_last else "pytorch-eager"

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.threads)
    print("torch", torch.__version__, "python", sys.version.split()[0], "executable", sys.executable)
    cfg = torch.__config__.show().strip().splitlines()
    for line in cfg:
        if "Build settings" in line:
            keep = [kv.strip() for kv in line.split(":", 1)[1].split(",")
                    if kv.strip().split("=")[0] in ("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN",
                                                    "USE_OPENMP", "TORCH_VERSION", "PERF_WITH_AVX2")]
            print("  config: - Build settings (excerpt):", ", ".join(keep))
        elif "CXX_FLAGS" not in line:
            print("  config:", line)
    print("  BLAS libraries mapped:", blas_libraries())
    for line in torch.__config__.parallel_info().strip().splitlines():
        print("  parallel:", line)

    t0 = time.perf_counter()
    net = nsfw_model.InceptionToMixed5(a.tarball, outputs=("mixed3", "mixed5"),
                                       dtype=torch.float32, fold_bn=True)
    print("model: %s, %d tensors, %d bytes; up to mixed5: %d Conv2D + %d BN, %d parameters "
          "(BN folded into conv: yes); load %.1f s"
          % (net.tarball, net.n_tensors, net.n_bytes, net.n_conv, net.n_bn, net.n_params,
             time.perf_counter() - t0))
    print("threads: intra-op %d, inter-op %d" % (torch.get_num_threads(), torch.get_num_interop_threads()))
    memory_format = torch.channels_last if a.channels_last else torch.contiguous_format
    if a.channels_last:
        for node in net.nodes:
            if node[1] == "conv":
                node[3]["w"] = node[3]["w"].contiguous(memory_format=memory_format)
    print("memory format:", "channels-last" if a.channels_last else "NCHW (contiguous)")

    torch.manual_seed(a.seed)
    results = []
    for spec in a.sizes.split(","):
        w, h = (int(v) for v in spec.lower().split("x"))
        macs = net.conv_macs(h, w)
        flop_step = macs * 2 * 2  # 2 FLOP per MAC; forward + input gradient ~ 2x forward
        pixels = torch.rand(1, 3, h, w) * 255.0
        img = nsfw_model.preprocess(pixels).contiguous(memory_format=memory_format)
        times = []
        for i in range(a.warmup + a.repeats):
            t = time.perf_counter()
            img, loss = gradient_step(net, img)
            dt = time.perf_counter() - t
            if i >= a.warmup:
                times.append(dt)
        med, mn = statistics.median(times), min(times)
        gflops = flop_step / med / 1e9
        print("size %dx%d (WxH): conv forward %.3f G MAC, step %.1f GFLOP; median %.3f s, min %.3f s, "
              "max %.3f s over %d steps (+%d warmup); %.1f GFLOP/s; loss %.4f; peak RSS %.0f MB"
              % (w, h, macs / 1e9, flop_step / 1e9, med, mn, max(times), a.repeats, a.warmup,
                 gflops, loss, peak_rss_mb()))
        print("size %dx%d each step (s, in order): %s" % (w, h, " ".join("%.3f" % v for v in times)))
        results.append((w, h, med, mn, gflops, peak_rss_mb()))
        sys.stdout.flush()
    # peak_rss_mb is the process peak after that size finished (ru_maxrss is process-wide:
    # with sizes in increasing order it is the peak of that size, model included)
    for w, h, med, mn, gflops, rss in results:
        print("RESULT impl=%s size=%dx%d threads=%d median_s=%.3f min_s=%.3f gflops=%.1f "
              "peak_rss_mb=%.0f torch=%s" % (impl, w, h, a.threads, med, mn, gflops, rss, torch.__version__))


if __name__ == "__main__":
    main()
