/** The response header naming the instance that served a request (INSTANCE_NAME; set in proxy.ts). */
export const INSTANCE_HEADER = "X-Instance";
