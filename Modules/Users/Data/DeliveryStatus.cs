using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Users.Data;

internal enum DeliveryStatus { Sent, Outbox, Failed }
