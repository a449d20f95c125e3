import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  DomainError,
  GetNotificationPreferencesRequest,
  ListNotificationsRequest,
  Notification,
  NotificationPage,
  NotificationPreferences,
  ReadAllNotificationsRequest,
  ReadNotificationRequest,
  RPC,
  SetNotificationPreferencesRequest,
} from '@kpa/contracts';
import { decodeCursor, encodeCursor, IdempotentCommand, pageSize, RpcHandler, UnitOfWork } from '@kpa/platform';
import { checkPreferences } from './notification-preferences';
import { NotificationsRepository } from './notifications.repository';

/** A user's own notifications (on the sites they hold a role on) and their choices. */
@Controller()
export class NotificationsRpcController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: NotificationsRepository,
  ) {}

  /** Newest first; `unread`: only those not read yet. */
  @RpcHandler(RPC.worker.notificationList)
  async list(@Payload() request: ListNotificationsRequest): Promise<NotificationPage> {
    const limit = pageSize(request);
    const cursor = decodeCursor(request.cursor, 'notifications');
    const manager = this.dataSource.manager;
    const rows = await this.repository.page(manager, request, request.unread === true, cursor, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }, 'notifications') : null,
      unread: await this.repository.unreadCount(manager, request),
    };
  }

  @RpcHandler(RPC.worker.notificationRead)
  @IdempotentCommand()
  async read(@Payload() request: ReadNotificationRequest): Promise<Notification> {
    return this.unitOfWork.run(async ({ manager }) => {
      const notification = await this.repository.markRead(manager, request, request.notificationId);
      if (!notification) throw new DomainError('NOTIFICATION_NOT_FOUND', `No notification ${request.notificationId} of yours.`, { notificationId: request.notificationId });
      return notification;
    });
  }

  @RpcHandler(RPC.worker.notificationReadAll)
  @IdempotentCommand()
  async readAll(@Payload() request: ReadAllNotificationsRequest): Promise<{ read: number }> {
    return this.unitOfWork.run(async ({ manager }) => ({ read: await this.repository.markAllRead(manager, request) }));
  }

  @RpcHandler(RPC.worker.notificationPreferencesGet)
  preferences(@Payload() request: GetNotificationPreferencesRequest): Promise<NotificationPreferences> {
    return this.repository.preferences(this.dataSource.manager, request.userId);
  }

  @RpcHandler(RPC.worker.notificationPreferencesSet)
  @IdempotentCommand()
  async setPreferences(@Payload() request: SetNotificationPreferencesRequest): Promise<NotificationPreferences> {
    const preferences = checkPreferences(request.preferences);
    return this.unitOfWork.run(async ({ manager }) => {
      await this.repository.setPreferences(manager, request.userId, preferences);
      return preferences;
    });
  }
}
