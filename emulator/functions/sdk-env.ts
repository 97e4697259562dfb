/**
 * The environment that points an unmodified wx-server-sdk at a local cloud: the request URL (TCB_CONTEXT_CNFG),
 * dummy credentials it insists on, and TENCENTCLOUD=true so it skips the metadata-host lookup.
 */
export function localSdkEnv(adminUrl: string, envId = 'local'): Record<string, string> {
  return {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    SILENCE: 'true',
  }
}
