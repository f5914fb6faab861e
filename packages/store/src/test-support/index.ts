export { redisCall } from './redis-call';
export { findFreePort, type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server';
export {
  appendRequest,
  sampleActor,
  sampleArrival,
  sampleHandedOver,
  sampleLargeCorrection,
} from './sample-events';
export { makeTempDir, type TempDir } from './temp-dir';
export { waitFor } from './wait-for';
