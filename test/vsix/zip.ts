// Reads a zip (a VSIX) through its central directory: the names of its entries, and the
// contents of one. Enough for the small, non-ZIP64 archives vsce writes; no dependency.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export class Zip {
  readonly entries: readonly ZipEntry[];

  constructor(private readonly data: Buffer) {
    this.entries = readCentralDirectory(data);
  }

  static open(file: string): Zip {
    return new Zip(fs.readFileSync(file));
  }

  get names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  read(name: string): Buffer {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) {
      throw new Error(`no entry ${name} in the zip`);
    }
    const at = entry.localHeaderOffset;
    if (this.data.readUInt32LE(at) !== LOCAL_FILE_HEADER) {
      throw new Error(`entry ${name}: no local file header at ${at}`);
    }
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    const raw = this.data.subarray(start, start + entry.compressedSize);
    switch (entry.method) {
      case 0:
        return Buffer.from(raw);
      case 8:
        return zlib.inflateRawSync(raw);
      default:
        throw new Error(`entry ${name}: unsupported compression method ${entry.method}`);
    }
  }
}

function readCentralDirectory(data: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    throw new Error('not a zip: no end-of-central-directory record');
  }
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (data.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) {
      throw new Error(`central directory entry ${index}: bad signature at ${at}`);
    }
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    entries.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      localHeaderOffset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
