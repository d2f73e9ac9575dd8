/** The client the checkout service sends product analytics through (Segment's `track` call). */
export const analytics = {
  track(event: string, properties: object): void {
    console.log(JSON.stringify({ event, properties }));
  },
};
