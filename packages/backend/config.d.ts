export interface Config {
  kratix?: {
    /**
     * Settings of the Kratix permission policy of this backend
     * (src/permissionPolicy.ts).
     */
    permissions?: {
      /**
       * Entity refs of the users and groups allowed to change Kratix
       * Promises and delete work placements (kratix.promise.update,
       * kratix.workplacement.delete), e.g. `user:development/guest` or
       * `group:default/platform-team`. A bare name means a user in the
       * default namespace. Everyone else who is signed in may only read.
       */
      admins?: string[];
    };
  };
}
