export interface Config {
  kratix?: {
    /**
     * Cleanup of misplaced WorkPlacements.
     */
    cleanup?: {
      /**
       * How many deletions run at the same time (default 4). Each deletion is a GET and a
       * DELETE against the platform's API server.
       */
      concurrency?: number;
      /**
       * Upper bound on requests per second a cleanup sends to the platform's API server
       * (default 50).
       */
      maxRequestsPerSecond?: number;
      /**
       * Above this many WorkPlacements the UI asks the user to type a confirmation (default 5).
       */
      typedConfirmationThreshold?: number;
    };
  };
}
