import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeNpy, parseNpy } from "../../lib/data/formats/npy";
import { InputError } from "../../lib";

test("encodeNpy: a float64 .npy (format 1.0, data 64-byte aligned) that parseNpy reads back bit for bit", () => {
  const values = Float64Array.from([0.1 + 0.2, -0, 5e-324, NaN, Infinity, -1e300]);
  for (const shape of [[6], [2, 3], [1, 2, 3]]) {
    const bytes = encodeNpy(shape, values);
    const headerLength = bytes[8] | (bytes[9] << 8);
    assert.equal((10 + headerLength) % 64, 0);
    assert.equal(bytes[10 + headerLength - 1], 0x0a, "header ends with a newline");
    const back = parseNpy(bytes, "x.npy");
    assert.deepEqual(back.shape, shape);
    assert.deepEqual(Buffer.from((back.values as Float64Array).buffer), Buffer.from(values.buffer));
  }
  // numpy writes 1-D shapes with a trailing comma: (6,)
  assert.match(Buffer.from(encodeNpy([6], values)).toString("latin1"), /'shape': \(6,\)/);
  assert.throws(() => encodeNpy([4], values), InputError);
});
