import { Events, GatewayCloseCodes, RESTEvents, type Client, type REST } from 'discord.js';

/**
 * A token reset in the Developer Portal (or revoked by Discord) ends the bot's session for good:
 * the gateway closes with 4004 and REST answers 401. discord.js then stays up with no session,
 * answering nothing, and REST forgets the token. The only recovery is a restart with the new token,
 * so this reports it once, in words a person can act on, for the caller to stop the process.
 */
export function watchForRevokedToken(client: Client, rests: readonly REST[], onRevoked: (message: string) => void): void {
  let reported = false;
  const report = (how: string) => {
    if (reported) return;
    reported = true;
    onRevoked(
      `Discord no longer accepts DISCORD_TOKEN (${how}): it was reset or revoked. Stopping with exit code 1 so a supervisor ` +
        'can restart the bot; put the new token (Developer Portal → your application → Bot → Reset Token) in .env first.',
    );
  };
  client.on(Events.ShardDisconnect, (event) => {
    if (event.code === GatewayCloseCodes.AuthenticationFailed) report('the gateway closed with 4004 Authentication failed');
  });
  for (const rest of rests) {
    rest.on(RESTEvents.Response, (request, response) => {
      // Interaction callbacks and webhooks carry their own token (auth: false); a 401 there is not about the bot's.
      if (response.status === 401 && request.data.auth !== false) report(`401 Unauthorized from ${request.method.toUpperCase()} ${request.route}`);
    });
  }
}

/** Whether a gateway close code is the revoked-token one, which `watchForRevokedToken` reports. */
export const isRevokedTokenClose = (code: number) => code === GatewayCloseCodes.AuthenticationFailed;
