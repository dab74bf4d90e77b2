import { mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
// The fork verifies SigV4 signatures (the original s3rver accepts tampered URLs) and serves
// presigned multipart uploads; it has no CLI, so it is started from code.
import S3rver from "@20minutes/s3rver";
import { projectRoot, type StackConfig } from "./config.ts";
import { addMultipartOperations } from "./s3-multipart.ts";

const { DUMMY_ACCOUNT } = createRequire(import.meta.url)("@20minutes/s3rver/lib/models/account.js") as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};

/** The bucket's CORS rules in R2's format: `npm run deploy:cors` applies the same file to R2. */
type R2CorsRules = {
  rules: {
    allowed: { origins: string[]; methods: string[]; headers?: string[] };
    exposeHeaders?: string[];
    maxAgeSeconds?: number;
  }[];
};
const r2Cors: R2CorsRules = JSON.parse(readFileSync(join(projectRoot, "infra/deploy/r2-cors.json"), "utf8"));

/** The same rules as S3's CORS XML, which the local server reads. */
export const bucketCorsXml = `<CORSConfiguration>${r2Cors.rules
  .map((rule) =>
    [
      ...rule.allowed.origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`),
      ...rule.allowed.methods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
      ...(rule.allowed.headers ?? []).map((header) => `<AllowedHeader>${header}</AllowedHeader>`),
      ...(rule.exposeHeaders ?? []).map((header) => `<ExposeHeader>${header}</ExposeHeader>`),
      rule.maxAgeSeconds === undefined ? "" : `<MaxAgeSeconds>${rule.maxAgeSeconds}</MaxAgeSeconds>`,
    ].join(""),
  )
  .map((rule) => `<CORSRule>${rule}</CORSRule>`)
  .join("")}</CORSConfiguration>`;

/** The local stand-in for R2's S3 API, with the project's bucket created at start. */
export class LocalS3Server {
  private server: S3rver | null = null;
  private httpServer: Server | null = null;

  constructor(private readonly config: StackConfig) {}

  async start(): Promise<void> {
    const directory = join(this.config.dataDir, "s3");
    mkdirSync(directory, { recursive: true });
    // s3rver keeps its accounts in a registry: our local key pair joins its default account.
    DUMMY_ACCOUNT.createKeyPair(this.config.s3.accessKeyId, this.config.s3.secretAccessKey);
    addMultipartOperations();
    this.server = new S3rver({
      address: "127.0.0.1",
      port: this.config.ports.s3,
      directory,
      silent: true,
      allowMismatchedSignatures: false,
      configureBuckets: [{ name: this.config.s3.bucket, configs: [bucketCorsXml] }],
    });
    await this.server.run();
    this.httpServer = this.server.httpServer;
  }

  get running(): boolean {
    return this.httpServer?.listening ?? false;
  }

  async stop(): Promise<void> {
    const httpServer = this.httpServer;
    this.server = null;
    this.httpServer = null;
    if (!httpServer?.listening) return;
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  }
}
