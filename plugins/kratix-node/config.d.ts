export interface Config {
  /**
   * Configuration of the Kratix plugin.
   */
  kratix?: {
    /**
     * Kratix platform clusters (where the Kratix controller and its Promises
     * live). When none is configured, the plugin uses the default kubeconfig
     * (the KUBECONFIG environment variable or ~/.kube/config) and its current
     * context.
     */
    platforms?: Array<{
      /**
       * Unique name of the platform, shown in the UI and used in API paths.
       */
      name: string;
      /**
       * Take the connection from a kubeconfig file instead of url/caData/token.
       */
      kubeconfig?: {
        /**
         * Path of the kubeconfig file; defaults to KUBECONFIG or ~/.kube/config.
         */
        path?: string;
        /**
         * Context to use; defaults to the kubeconfig's current context.
         */
        context?: string;
      };
      /**
       * URL of the Kubernetes API server of the platform cluster.
       */
      url?: string;
      /**
       * Base64-encoded PEM of the CA that signed the API server's certificate.
       * @visibility secret
       */
      caData?: string;
      /**
       * Path of a PEM file with the CA that signed the API server's certificate.
       */
      caFile?: string;
      /**
       * Bearer token of the service account the plugin acts as.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * Skip verification of the API server's TLS certificate (development only).
       */
      skipTLSVerify?: boolean;
      /**
       * Impersonate the signed-in Backstage user (Impersonate-User header)
       * on requests to this platform, so Kubernetes RBAC applies per user.
       */
      impersonateUser?: boolean;
    }>;
  };
}
