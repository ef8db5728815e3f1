/** Image files in and out (JPEG, PNG, masks with alpha) and the conversion between pixels and the network's [-1, 1] planes. */
package dev.oneira.engine.image;
