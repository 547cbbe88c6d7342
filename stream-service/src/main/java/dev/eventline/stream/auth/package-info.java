/**
 * Who is subscribing and what they may read: the identity from a verified JWT (bearer header, cookie
 * or stream ticket), and the topic roles from the catalog. The same rules apply to replayed and live
 * events, because both pass through the same filter.
 */
package dev.eventline.stream.auth;
