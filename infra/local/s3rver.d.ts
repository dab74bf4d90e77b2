declare module "@20minutes/s3rver" {
  import type { Server } from "node:http";

  type BucketConfig = { name: string; configs?: (string | Buffer)[] };
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      directory: string;
      silent?: boolean;
      allowMismatchedSignatures?: boolean;
      resetOnClose?: boolean;
      configureBuckets?: BucketConfig[];
    });
    httpServer: Server;
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
