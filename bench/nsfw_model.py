"""Load the nsfwjs@4.4.0 InceptionV3 (Keras 2.2.4 export for TensorFlow.js) into plain PyTorch.

Shared by pytorch_eager.py and reference_activations.py. No torch.jit, no compile: the
network is a list of nodes executed in topological order with torch.nn.functional ops.

File format facts (verified against nsfwjs-4.4.0.tgz, sha256 585cd178...5382):
  * package/dist/models/inception_v3/model.min.js is a browserify UMD bundle whose module 1
    body is `n.exports={modelTopology:{...},weightsManifest:[{paths:[...],weights:[...]}]}`.
    It is a JavaScript object literal, not JSON: keys are unquoted identifiers, booleans are
    written `!0` / `!1`, numbers drop the leading zero (`.001`, `-.76`), strings use double
    quotes. We parse it with the small recursive-descent parser below (parse_js_literal).
  * group1-shard{1..6}of6.min.js are UMD bundles whose module 1 body is `h.exports="<base64>"`
    (the exports parameter name differs per file). Each holds one base64 string; decoded and
    concatenated in path order (shard1..shard6) they give 22,360,869 bytes.
  * weightsManifest[0].weights is a list of 382 entries
    {name:"conv2d_1/kernel", shape:[3,3,3,32], dtype:"float32",
     quantization:{min:<float>, scale:<float>, dtype:"uint8"}}.
    Every entry is stored as one uint8 per value, in manifest order (not graph order, not
    alphabetical); value = min + scale * q.
  * Conv2D kernels are HWIO (Keras channels_last); use_bias false everywhere.
    BatchNormalization: scale=False (no gamma), center=True; tensors
    <bn>/beta, <bn>/moving_mean, <bn>/moving_variance; epsilon 0.001; axis 3.
  * Layers are wired by inbound_nodes: [[["<layer>", 0, 0, {}], ...]]; the layer list is not
    in creation order, so we topologically sort.
"""
import base64
import math
import os
import re
import tarfile

import numpy as np
import torch
import torch.nn.functional as F

DEFAULT_TARBALL = os.path.expanduser("~/.cache/oneira/nsfwjs-4.4.0.tgz")
FALLBACK_TARBALL = "/tmp/nsfw/nsfwjs-4.4.0.tgz"
MODEL_DIR = "package/dist/models/inception_v3/"
DREAM_LAYERS = ("mixed3", "mixed5")


# ---------------------------------------------------------------- JS literal parser
class _JsParser:
    _num = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
    _ident = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")

    def __init__(self, s, pos):
        self.s, self.i = s, pos

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def value(self):
        self.ws()
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c in "\"'":
            return self.string()
        if self.s.startswith("!0", self.i):
            self.i += 2
            return True
        if self.s.startswith("!1", self.i):
            self.i += 2
            return False
        m = self._num.match(self.s, self.i)
        if m:
            self.i = m.end()
            t = m.group(0)
            return float(t) if any(ch in t for ch in ".eE") else int(t)
        m = self._ident.match(self.s, self.i)
        if m:
            self.i = m.end()
            w = m.group(0)
            consts = {"null": None, "true": True, "false": False, "undefined": None,
                      "NaN": float("nan"), "Infinity": float("inf")}
            if w in consts:
                return consts[w]
            raise ValueError("unexpected identifier %r at %d" % (w, m.start()))
        raise ValueError("unexpected %r at %d" % (self.s[self.i:self.i + 20], self.i))

    def string(self):
        q = self.s[self.i]
        self.i += 1
        out = []
        while True:
            c = self.s[self.i]
            if c == "\\":
                n = self.s[self.i + 1]
                if n == "u":
                    out.append(chr(int(self.s[self.i + 2:self.i + 6], 16)))
                    self.i += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(n, n))
                self.i += 2
                continue
            self.i += 1
            if c == q:
                return "".join(out)
            out.append(c)

    def obj(self):
        self.i += 1
        d = {}
        while True:
            self.ws()
            if self.s[self.i] == "}":
                self.i += 1
                return d
            if self.s[self.i] in "\"'":
                k = self.string()
            else:
                m = self._ident.match(self.s, self.i) or re.compile(r"\d+").match(self.s, self.i)
                k = m.group(0)
                self.i = m.end()
            self.ws()
            assert self.s[self.i] == ":", self.s[self.i:self.i + 30]
            self.i += 1
            d[k] = self.value()
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1

    def arr(self):
        self.i += 1
        a = []
        while True:
            self.ws()
            if self.s[self.i] == "]":
                self.i += 1
                return a
            a.append(self.value())
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1


def parse_js_literal(text, start):
    """Parse the JS object/array literal that begins at text[start]."""
    return _JsParser(text, start).value()


# ---------------------------------------------------------------- tarball reading
def resolve_tarball(path=None):
    for p in ([path] if path else []) + [DEFAULT_TARBALL, FALLBACK_TARBALL]:
        if p and os.path.isfile(p):
            return p
    raise FileNotFoundError("nsfwjs-4.4.0.tgz not found (tried %s, %s, %s)"
                            % (path, DEFAULT_TARBALL, FALLBACK_TARBALL))


def read_model_files(tarball):
    """Return (model_json_dict, raw_weight_bytes)."""
    with tarfile.open(tarball, "r:gz") as tf:
        def read(name):
            return tf.extractfile(MODEL_DIR + name).read().decode("utf-8")

        js = read("model.min.js")
        k = js.index("exports={modelTopology")
        model = parse_js_literal(js, k + len("exports="))
        paths = model["weightsManifest"][0]["paths"]
        chunks = []
        for p in paths:
            s = read(p + ".min.js")
            # module 1 body: <x>.exports="<base64>"
            m = re.search(r'\.exports="([A-Za-z0-9+/=]+)"', s)
            chunks.append(base64.b64decode(m.group(1)))
    return model, b"".join(chunks)


def dequantize(model, raw):
    """Return {tensor_name: float64 numpy array in the stored (Keras) layout}."""
    out = {}
    off = 0
    for group in model["weightsManifest"]:
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q is None:  # not used by this model, kept for completeness
                arr = np.frombuffer(raw, np.float32, n, off).astype(np.float64)
                off += 4 * n
            else:
                assert q["dtype"] == "uint8", q
                u = np.frombuffer(raw, np.uint8, n, off).astype(np.float64)
                arr = q["min"] + q["scale"] * u
                off += n
            out[w["name"]] = arr.reshape(w["shape"])
    assert off == len(raw), (off, len(raw))
    return out


# ---------------------------------------------------------------- graph
def _topo_layers(model):
    layers = model["modelTopology"]["model_config"]["config"]["layers"]
    by_name = {l["name"]: l for l in layers}
    for l in layers:
        l["_in"] = [e[0] for node in l["inbound_nodes"] for e in node]
    return by_name


def _needed(by_name, outputs):
    """Names of layers that `outputs` depend on, in a topological order."""
    order, seen = [], set()

    def visit(n):
        if n in seen:
            return
        seen.add(n)
        for p in by_name[n]["_in"]:
            visit(p)
        order.append(n)

    for o in outputs:
        visit(o)
    return order


def _same_pad(size, k, s):
    """TensorFlow SAME padding (before, after) for one spatial dim."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class InceptionToMixed5:
    """Plain eager executor of the Keras graph up to the requested outputs (NCHW)."""

    def __init__(self, tarball=None, outputs=DREAM_LAYERS, dtype=torch.float32, fold_bn=True):
        tarball = resolve_tarball(tarball)
        model, raw = read_model_files(tarball)
        self.tarball = tarball
        self.n_bytes = len(raw)
        self.n_tensors = sum(len(g["weights"]) for g in model["weightsManifest"])
        W = dequantize(model, raw)
        by_name = _topo_layers(model)
        self.outputs = tuple(outputs)
        order = _needed(by_name, self.outputs)
        consumers = {}
        for n in order:
            for p in by_name[n]["_in"]:
                consumers.setdefault(p, []).append(n)

        self.fold_bn = fold_bn
        self.dtype = dtype
        self.nodes = []  # (name, op, inputs, params)
        self.n_conv = self.n_bn = self.n_params = 0
        alias = {}  # folded BN name -> conv node name
        folded_convs = {}
        for n in order:
            l = by_name[n]
            cls, cfg = l["class_name"], l["config"]
            ins = [alias.get(p, p) for p in l["_in"]]
            if cls == "InputLayer":
                self.input_name = n
                continue
            if cls == "Conv2D":
                assert cfg["data_format"] == "channels_last" and cfg["dilation_rate"] == [1, 1]
                assert cfg["activation"] == "linear"
                k = W[n + "/kernel"]  # HWIO
                self.n_conv += 1
                self.n_params += k.size
                w = torch.from_numpy(np.ascontiguousarray(k.transpose(3, 2, 0, 1)))  # OIHW
                b = None
                if cfg["use_bias"]:
                    b = torch.from_numpy(W[n + "/bias"])
                    self.n_params += b.numel()
                p = dict(w=w, b=b, stride=tuple(cfg["strides"]), padding=cfg["padding"],
                         k=tuple(cfg["kernel_size"]))
                self.nodes.append([n, "conv", ins, p])
                folded_convs[n] = p
            elif cls == "BatchNormalization":
                assert cfg["axis"] in (3, -1) and not cfg["scale"] and cfg["center"]
                eps = cfg["epsilon"]
                beta = W[n + "/beta"]
                mean = W[n + "/moving_mean"]
                var = W[n + "/moving_variance"]
                assert (var > 0).all()
                self.n_bn += 1
                self.n_params += beta.size + mean.size + var.size
                src = ins[0]
                if fold_bn and src in folded_convs and consumers.get(l["_in"][0]) == [n]:
                    # y = (conv(x) + b - mean) / sqrt(var + eps) + beta
                    p = folded_convs[src]
                    inv = 1.0 / np.sqrt(var + eps)
                    p["w"] = p["w"] * torch.from_numpy(inv).view(-1, 1, 1, 1)
                    b0 = p["b"].numpy() if p["b"] is not None else 0.0
                    p["b"] = torch.from_numpy((b0 - mean) * inv + beta)
                    alias[n] = src
                else:
                    self.nodes.append([n, "bn", ins, dict(
                        mean=torch.from_numpy(mean), var=torch.from_numpy(var),
                        beta=torch.from_numpy(beta), eps=eps)])
            elif cls == "Activation":
                assert cfg["activation"] == "relu", cfg["activation"]
                self.nodes.append([n, "relu", ins, {}])
            elif cls in ("MaxPooling2D", "AveragePooling2D"):
                assert cfg["data_format"] == "channels_last"
                self.nodes.append([n, "maxpool" if cls[0] == "M" else "avgpool", ins, dict(
                    k=tuple(cfg["pool_size"]), stride=tuple(cfg["strides"]),
                    padding=cfg["padding"])])
            elif cls == "Concatenate":
                assert cfg["axis"] in (3, -1)
                self.nodes.append([n, "concat", ins, {}])
            else:
                raise NotImplementedError(cls)
        for node in self.nodes:
            for key in ("w", "b", "mean", "var", "beta"):
                if node[3].get(key) is not None:
                    node[3][key] = node[3][key].to(dtype).contiguous().requires_grad_(False)

    # -- conv MAC count for a forward pass at H x W (matches the executed ops)
    def conv_macs(self, h, w):
        shapes = {self.input_name: (3, h, w)}
        macs = 0
        for n, op, ins, p in self.nodes:
            c, hh, ww = shapes[ins[0]]
            if op in ("conv", "maxpool", "avgpool"):
                kh, kw = p["k"]
                sh, sw = p["stride"]
                if p["padding"] == "same":
                    oh, ow = -(-hh // sh), -(-ww // sw)
                else:
                    oh, ow = (hh - kh) // sh + 1, (ww - kw) // sw + 1
                oc = p["w"].shape[0] if op == "conv" else c
                if op == "conv":
                    macs += oh * ow * oc * kh * kw * c
                shapes[n] = (oc, oh, ow)
            elif op == "concat":
                shapes[n] = (sum(shapes[i][0] for i in ins), hh, ww)
            else:
                shapes[n] = (c, hh, ww)
        return macs

    def forward(self, x):
        """x: N,3,H,W already preprocessed. Returns {name: tensor} for self.outputs."""
        vals = {self.input_name: x}
        for n, op, ins, p in self.nodes:
            a = vals[ins[0]]
            if op == "conv":
                kh, kw = p["k"]
                sh, sw = p["stride"]
                if p["padding"] == "same":
                    pt, pb = _same_pad(a.shape[2], kh, sh)
                    pl, pr = _same_pad(a.shape[3], kw, sw)
                    if pt == pb and pl == pr:
                        y = F.conv2d(a, p["w"], p["b"], (sh, sw), (pt, pl))
                    else:
                        y = F.conv2d(F.pad(a, (pl, pr, pt, pb)), p["w"], p["b"], (sh, sw))
                else:
                    y = F.conv2d(a, p["w"], p["b"], (sh, sw))
            elif op == "bn":
                y = F.batch_norm(a, p["mean"], p["var"], None, p["beta"], False, 0.0, p["eps"])
            elif op == "relu":
                y = F.relu(a)
            elif op == "maxpool":
                kh, kw = p["k"]
                if p["padding"] == "same":
                    pt, pb = _same_pad(a.shape[2], kh, p["stride"][0])
                    pl, pr = _same_pad(a.shape[3], kw, p["stride"][1])
                    assert pt == pb and pl == pr
                    y = F.max_pool2d(a, p["k"], p["stride"], (pt, pl))
                else:
                    y = F.max_pool2d(a, p["k"], p["stride"])
            elif op == "avgpool":
                kh, kw = p["k"]
                if p["padding"] == "same":
                    pt, pb = _same_pad(a.shape[2], kh, p["stride"][0])
                    pl, pr = _same_pad(a.shape[3], kw, p["stride"][1])
                    assert pt == pb and pl == pr
                    # TF SAME average pooling does not count the padding
                    y = F.avg_pool2d(a, p["k"], p["stride"], (pt, pl), count_include_pad=False)
                else:
                    y = F.avg_pool2d(a, p["k"], p["stride"])
            elif op == "concat":
                y = torch.cat([vals[i] for i in ins], dim=1)
            vals[n] = y
        return {o: vals[o] for o in self.outputs}


def preprocess(pixels):
    """uint8-range pixels (N,3,H,W) -> Keras InceptionV3 range [-1, 1]."""
    return pixels / 127.5 - 1.0
