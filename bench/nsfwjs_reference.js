// Reference probabilities of the whole nsfwjs classifier in TensorFlow.js itself, for the Java
// classifier's parity test (dream-engine: NsfwClassifierTest reads the JSON this prints).
//
//   mkdir -p /tmp/tfjscheck && (cd /tmp/tfjscheck && npm init -y && npm install @tensorflow/tfjs@4.22.0 pngjs@7.0.0)
//   mkdir -p /tmp/nsx && tar xzf ~/.cache/oneira/nsfwjs-4.4.0.tgz -C /tmp/nsx
//   NODE_PATH=/tmp/tfjscheck/node_modules node bench/nsfwjs_reference.js \
//       /tmp/nsx/package/dist/models/inception_v3 samples/chelsea.png samples/astronaut.png ... > reference.json
//
// Loads model.min.js / group1-shard*.min.js (UMD bundles exporting the topology and the base64
// weights) and classifies each PNG exactly as nsfwjs 4.4.0's classify() does (dist/esm/core.js):
// pixels (RGB, alpha dropped as tf.browser.fromPixels does) as float / 255, resized to 299x299 with
// tf.image.resizeBilinear(alignCorners = true), predict(), the softmax of dense_3 in the class order
// of nsfw_classes.js: Drawing, Hentai, Neutral, Porn, Sexy. The CPU backend, float32.
const tf = require('@tensorflow/tfjs');
const { PNG } = require('pngjs');
const path = require('path');
const fs = require('fs');

const CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];

async function main() {
  const dir = path.resolve(process.argv[2]);
  const images = process.argv.slice(3);
  await tf.setBackend('cpu');
  const m = require(path.join(dir, 'model.min.js'));
  const specs = m.weightsManifest[0].weights;
  const bufs = m.weightsManifest[0].paths.map(p => Buffer.from(require(path.join(dir, p + '.min.js')), 'base64'));
  const all = Buffer.concat(bufs);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
  const model = await tf.loadLayersModel({
    load: async () => ({ modelTopology: m.modelTopology, weightSpecs: specs, weightData }),
  });
  const out = { tfjs: tf.version.tfjs, backend: tf.getBackend(), classes: CLASSES, images: {} };
  for (const file of images) {
    const png = PNG.sync.read(fs.readFileSync(file));
    const rgb = new Int32Array(png.width * png.height * 3);
    for (let i = 0; i < png.width * png.height; i++) {
      for (let c = 0; c < 3; c++) rgb[i * 3 + c] = png.data[i * 4 + c];
    }
    const probabilities = tf.tidy(() => {
      const img = tf.tensor3d(rgb, [png.height, png.width, 3], 'int32');
      const normalized = img.toFloat().div(tf.scalar(255));
      const resized = tf.image.resizeBilinear(normalized, [299, 299], true);
      return model.predict(resized.reshape([1, 299, 299, 3])).dataSync();
    });
    out.images[path.basename(file)] = Array.from(probabilities);
  }
  console.log(JSON.stringify(out, null, 1));
}
main().catch(e => { console.error(e.stack); process.exit(1); });
