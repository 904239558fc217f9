namespace RetailPerformer.Users.Data;

internal enum DeliveryStatus { Sent, Outbox, Failed }
