/**
 * File uploads (multipart/form-data), read with busboy: the form's fields, and at most one file kept in memory up to
 * a size limit. Only routes that take a file see it; every other form stays url-encoded (http.ts).
 */
import type { IncomingMessage } from "node:http";
import { Busboy } from "@fastify/busboy";
import { HttpError } from "./http.js";

export interface UploadedFile {
  field: string;
  filename: string;
  data: Buffer;
}

export interface Upload {
  fields: URLSearchParams;
  file: UploadedFile | null;
}

export function isMultipart(req: IncomingMessage): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
}

export function readUpload(req: IncomingMessage, maxFileBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: req.headers as { "content-type": string },
        limits: { files: 1, fields: 20, fieldSize: 4096, fileSize: maxFileBytes, parts: 24 },
      });
    } catch {
      return reject(new HttpError(400, "unreadable upload"));
    }
    const fields = new URLSearchParams();
    let file: UploadedFile | null = null;
    let failure: HttpError | null = null;
    parser.on("field", (name: string, value: string) => fields.append(name, value));
    parser.on("file", (field: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        failure = new HttpError(413, `the file is larger than ${Math.round(maxFileBytes / 1048576)} MB`);
      });
      stream.on("end", () => {
        if (!stream.truncated) file = { field, filename, data: Buffer.concat(chunks) };
      });
    });
    parser.on("error", () => reject(new HttpError(400, "unreadable upload")));
    parser.on("finish", () => (failure ? reject(failure) : resolve({ fields, file })));
    req.pipe(parser);
  });
}
