/**
 * Video visits: a room at the video vendor (Whereby Embedded; a placeholder in local mode) for every video
 * appointment, created when it is booked, replaced when it moves, deleted when it is cancelled or over; the
 * portal's visit page embeds the patient's side and the console's the provider's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Video visits")
package org.carerelay.video;
