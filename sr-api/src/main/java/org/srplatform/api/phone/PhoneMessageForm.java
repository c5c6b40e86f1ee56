package org.srplatform.api.phone;

/** A message as typed by whoever answers the phone, unchecked; {@link CallbackQueue#leave} checks it. */
public record PhoneMessageForm(String name, String company, String callbackNumber, String srNumber, String description) {
}
