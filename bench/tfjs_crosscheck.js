// Independent cross-check of reference_activations.py with TensorFlow.js itself (the runtime
// nsfwjs was exported for), pure-JS CPU backend, float32.
//
//   mkdir -p /tmp/tfjscheck && (cd /tmp/tfjscheck && npm init -y && npm install @tensorflow/tfjs@4.22.0)
//   mkdir -p /tmp/nsx && tar xzf ~/.cache/oneira/nsfwjs-4.4.0.tgz -C /tmp/nsx
//   NODE_PATH=/tmp/tfjscheck/node_modules node bench/tfjs_crosscheck.js \
//       /tmp/nsx/package/dist/models/inception_v3 [reference.json]
//
// Loads model.min.js / group1-shard*.min.js through require() (they are UMD bundles exporting
// the topology object and the base64 strings), runs the same deterministic input as
// reference_activations.py (NHWC here) and prints the same statistics, plus the largest
// differences against the float64 JSON when one is given.
//
// Measured (tfjs 4.22.0, cpu backend, ~3.5 min on 2 cores): mixed0..mixed5 shapes agree and
// means agree to 1e-8..6e-8 relative, fixed-position values within 2.3e-6 absolute: the
// PyTorch graph (wiring, HWIO->OIHW, SAME padding, avg-pool without padding in the count,
// BN without gamma, concat order) matches TensorFlow.js. The INPUT GRADIENT does not: tfjs
// gives values 3-57% off (e.g. 4.50e-5 vs 4.79e-5 at [0,1,65,73]) while the float64 PyTorch
// gradient matches central finite differences to ~1e-7 relative (reference_activations.py
// --check-fd). Treat tfjs's gradient (with the gamma=1 workaround below) as untrusted.
const tf = require('@tensorflow/tfjs');
const path = require('path');
const fs = require('fs');

async function main() {
  const dir = path.resolve(process.argv[2]);
  const refFile = process.argv[3];
  await tf.setBackend('cpu');
  const m = require(path.join(dir, 'model.min.js'));
  const specs = m.weightsManifest[0].weights.slice();
  const bufs = m.weightsManifest[0].paths.map(p => Buffer.from(require(path.join(dir, p + '.min.js')), 'base64'));
  // tfjs 4.22's BatchNorm gradient fails when gamma is absent (scale=False: it saves an
  // undefined tensor for backward), so the model is given scale=True with gamma = 1 (float32
  // specs appended after the uint8 data): mathematically the same network.
  const gammas = [];
  for (const w of m.weightsManifest[0].weights) {
    if (w.name.endsWith('/beta')) {
      const bn = w.name.slice(0, -5);
      specs.push({ name: bn + '/gamma', shape: w.shape, dtype: 'float32' });
      gammas.push(Buffer.from(new Float32Array(w.shape[0]).fill(1).buffer));
    }
  }
  const all = Buffer.concat(bufs.concat(gammas));
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
  const names = ['mixed0', 'mixed1', 'mixed2', 'mixed3', 'mixed4', 'mixed5'];
  // Truncate the Keras config to the ancestors of mixed0..mixed5 and free the spatial input
  // size (the stored model fixes 299x299 because of its Flatten/Dense head).
  const topo = JSON.parse(JSON.stringify(m.modelTopology));
  const cfg = topo.model_config.config;
  const byName = Object.fromEntries(cfg.layers.map(l => [l.name, l]));
  const keep = new Set();
  const visit = n => { if (keep.has(n)) return; keep.add(n);
    byName[n].inbound_nodes.forEach(node => node.forEach(e => visit(e[0]))); };
  names.forEach(visit);
  cfg.layers = cfg.layers.filter(l => keep.has(l.name));
  cfg.output_layers = names.map(n => [n, 0, 0]);
  byName.input_1.config.batch_input_shape = [null, null, null, 3];
  cfg.layers.forEach(l => { if (l.class_name === 'BatchNormalization') l.config.scale = true; });
  const sub = await tf.loadLayersModel({
    load: async () => ({ modelTopology: topo, weightSpecs: specs, weightData }),
  }, { strict: false });

  const W = 147, H = 131;
  const px = new Float32Array(H * W * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++)
    px[(y * W + x) * 3 + c] = ((x * 7 + y * 13 + c * 29) % 256) / 127.5 - 1;
  const input = tf.tensor4d(px, [1, H, W, 3]);

  const outs = sub.predict(input);
  const res = { layers: {} };
  names.forEach((n, i) => {
    const t = outs[i];
    const [N, h, w, C] = t.shape;
    const d = t.dataSync();
    const at = (c, y, x) => d[(y * w + x) * C + c];
    const pos = [[0, 0, 0, 0], [0, C >> 1, h >> 1, w >> 1], [0, Math.floor(C / 3), Math.floor(h / 3), Math.floor(2 * w / 3)],
      [0, C - 1, h - 1, w - 1]];
    let s = 0, s2 = 0;
    for (const v of d) { s += v; s2 += v * v; }
    const mean = s / d.length;
    res.layers[n] = { shape_nchw: [N, C, h, w], mean, std: Math.sqrt(s2 / d.length - mean * mean),
      values: pos.map(p => at(p[1], p[2], p[3])) };
  });
  const f = x => { const o = sub.apply(x); return tf.add(tf.mean(o[3]), tf.mean(o[5])); };
  const g = tf.grad(f)(input); // NHWC
  const gd = g.dataSync();
  const gat = (c, y, x) => gd[(y * W + x) * 3 + c];
  let gs = 0; for (const v of gd) gs += v;
  res.loss = f(input).dataSync()[0];
  res.input_gradient = { mean: gs / gd.length,
    values: [gat(0, 0, 0), gat(1, H >> 1, W >> 1), gat(2, Math.floor(H / 3), Math.floor(2 * W / 3)), gat(2, H - 1, W - 1)] };
  console.log(JSON.stringify(res, null, 1));

  if (refFile) {
    const ref = JSON.parse(fs.readFileSync(refFile, 'utf8'));
    for (const n of names) {
      const a = ref.layers[n], b = res.layers[n];
      const dv = Math.max(...a.values.map((v, i) => Math.abs(v - b.values[i])));
      console.log(`${n}: shape ${JSON.stringify(a.shape)} vs ${JSON.stringify(b.shape_nchw)}, mean ${a.mean} vs ${b.mean}` +
        ` (rel ${(Math.abs(a.mean - b.mean) / Math.abs(a.mean)).toExponential(2)}), max |value diff| ${dv.toExponential(2)}`);
    }
    console.log(`loss ${ref.loss.value} vs ${res.loss}`);
    const gr = ref.input_gradient;
    console.log(`grad mean ${gr.mean} vs ${res.input_gradient.mean}; values ${JSON.stringify(gr.values)} vs ${JSON.stringify(res.input_gradient.values)}`);
  }
}
main().catch(e => { console.error(e.stack); process.exit(1); });
