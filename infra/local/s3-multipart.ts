import { readdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";

// s3rver 4 serves CreateMultipartUpload, UploadPart and CompleteMultipartUpload but answers
// ListParts and AbortMultipartUpload with MethodNotAllowed, accepts parts for uploads that were
// aborted, and completes with parts that were never uploaded. R2 does all of it properly, and
// resuming an upload depends on it, so the local server gets it here: its signature check still
// runs first, these only wrap the route handlers.

type Context = {
  method: string;
  params: { bucket: string; key: string; queryMethod?: string };
  query: Record<string, string | undefined>;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
  body: unknown;
  status: number;
  req: NodeJS.ReadableStream;
};
type Handler = (ctx: Context) => Promise<unknown>;
type Layer = { path: string; methods: string[]; stack: Handler[] };

const require = createRequire(import.meta.url);
const router = require("@20minutes/s3rver/lib/routes.js") as { stack: Layer[] };
const S3Error = require("@20minutes/s3rver/lib/models/error.js") as new (code: string, message: string) => Error;

async function uploadDirectory(ctx: Context): Promise<string> {
  const directory = join(ctx.store.getResourcePath(ctx.params.bucket, undefined, "uploads"), ctx.query.uploadId ?? "");
  const key = await readFile(join(directory, "key"), "utf8").catch(() => null);
  if (!ctx.query.uploadId || key !== ctx.params.key) {
    throw new S3Error("NoSuchUpload", "The specified multipart upload does not exist.");
  }
  return directory;
}

async function storedParts(directory: string) {
  const numbers = (await readdir(directory)).filter((name) => /^\d+$/.test(name)).map(Number);
  const parts = await Promise.all(
    numbers.map(async (partNumber) => ({
      PartNumber: partNumber,
      ETag: JSON.stringify(await readFile(join(directory, `${partNumber}.md5`), "utf8")),
      Size: (await stat(join(directory, String(partNumber)))).size,
      LastModified: (await stat(join(directory, String(partNumber)))).mtime.toISOString(),
    })),
  );
  return parts.sort((a, b) => a.PartNumber - b.PartNumber);
}

async function listParts(ctx: Context): Promise<void> {
  const marker = Number(ctx.query["part-number-marker"] ?? 0);
  const maxParts = Math.min(Number(ctx.query["max-parts"] ?? 1000), 1000);
  const after = (await storedParts(await uploadDirectory(ctx))).filter((part) => part.PartNumber > marker);
  const page = after.slice(0, maxParts);
  ctx.body = {
    ListPartsResult: {
      Bucket: ctx.params.bucket,
      Key: ctx.params.key,
      UploadId: ctx.query.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.at(-1)?.PartNumber ?? marker,
      MaxParts: maxParts,
      IsTruncated: after.length > page.length,
      Part: page,
    },
  };
}

async function abortMultipartUpload(ctx: Context): Promise<void> {
  await rm(await uploadDirectory(ctx), { recursive: true });
  ctx.status = 204;
}

/** As R2 does: every part named must be stored with that ETag before the object is assembled. */
async function checkCompletedParts(ctx: Context): Promise<void> {
  const xml = await text(ctx.req);
  ctx.req = Readable.from([xml]); // s3rver parses the body again
  const stored = new Map((await storedParts(await uploadDirectory(ctx))).map((part) => [part.PartNumber, part.ETag]));
  for (const [, partXml = ""] of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const partNumber = Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(partXml)?.[1]);
    const etag = /<ETag>([^<]*)<\/ETag>/.exec(partXml)?.[1]?.replaceAll("&quot;", "").replaceAll('"', "");
    if (stored.get(partNumber)?.replaceAll('"', "") !== etag) {
      throw new S3Error("InvalidPart", `Part ${partNumber} was not uploaded or its ETag does not match.`);
    }
  }
}

/** Handles `?uploadId` requests on objects before s3rver's own router does. Idempotent. */
export function addMultipartOperations(): void {
  const objectRoutes = router.stack.filter((layer) => layer.path === "/:bucket/:key+");
  const extend = (method: string, operation: Handler, replace: boolean) => {
    const layer = objectRoutes.find((candidate) => candidate.methods.includes(method));
    const original = layer?.stack.at(-1) as (Handler & { multipartExtended?: true }) | undefined;
    if (!layer || !original || original.multipartExtended) return;
    const extended = async (ctx: Context) => {
      if (ctx.params.queryMethod !== "uploadId") return original(ctx);
      await operation(ctx);
      return replace ? undefined : original(ctx);
    };
    layer.stack[layer.stack.length - 1] = Object.assign(extended, { multipartExtended: true as const });
  };
  extend("GET", listParts, true);
  extend("DELETE", abortMultipartUpload, true);
  extend("POST", checkCompletedParts, false);
  extend("PUT", uploadDirectory, false);
}
