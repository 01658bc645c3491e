/**
 * OpenAI's `encoding_format: "base64"`: the vector's float32 values, little-endian, base64-encoded.
 * Values round to float32 on the way in, as OpenAI's own do.
 */
export function encodeBase64Floats(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index] as number, index * 4);
  return bytes.toString("base64");
}

export function decodeBase64Floats(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  const vector: number[] = new Array(Math.floor(bytes.byteLength / 4));
  for (let index = 0; index < vector.length; index++) vector[index] = bytes.readFloatLE(index * 4);
  return vector;
}
